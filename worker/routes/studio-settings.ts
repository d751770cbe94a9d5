/**
 * @module The studio's settings: providers (keys are set or cleared here and never returned; only
 * whether one is set and its last four characters), fallback chains, the cache policy; and the
 * price table, with what each price means in this org's credits.
 */

import { eq } from 'drizzle-orm';
import { auditEntry } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import type { Env } from '../../platform/env.ts';
import { invalid } from '../../platform/problem.ts';
import { PRICE_BOOK } from '../../providers/ai/price-book.ts';
import { StudioSettingsInput } from '../../schema/inputs/studio.ts';
import { orgs } from '../../schema/orgs.ts';
import { Prices, StudioSettings } from '../../schema/outputs/studio.ts';
import {
  creditsFor,
  creditsPerGeneration,
  markupFor,
  NANO_USD_PER_CREDIT,
  priceAt,
  priceVersionId,
} from '../../services/studio/pricing.ts';
import {
  checkChains,
  checkProviderChanges,
  loadStudioConfig,
  providerKeyStatements,
  providerStatuses,
  studioSettingsStatement,
} from '../../services/studio/settings.ts';
import { Routes } from '../router.ts';

async function settingsView(env: Env, db: Db, orgId: string) {
  const [config, providers] = await Promise.all([
    loadStudioConfig(env, db, orgId),
    providerStatuses(db, orgId),
  ]);
  return {
    chains: config.chains,
    cachePolicy: config.cachePolicy,
    cacheTtlHours: Math.round(config.cacheTtlSeconds / 3600),
    providers,
  };
}

export const studioSettingsRoutes = new Routes('AI studio')
  .get(
    '/studio/settings',
    {
      summary:
        'Providers (keys shown only as set or not, and their last 4 characters), chains, cache policy',
      auth: 'studio:read',
      responses: { 200: { description: 'The studio settings.', schema: StudioSettings } },
    },
    async ({ c, env, db, org }) => c.json(await settingsView(env, db, org.orgId)),
  )
  .patch(
    '/studio/settings',
    {
      summary: 'Set or clear provider keys and endpoints, change chains or the cache policy',
      description:
        '`providers.<id>.apiKey`: a new key, or null to clear it. Keys are stored encrypted and ' +
        'never returned.',
      auth: 'studio:manage',
      body: StudioSettingsInput,
      responses: {
        200: { description: 'The studio settings after the change.', schema: StudioSettings },
      },
    },
    async ({ c, env, db, org, who, body }) => {
      const errors = [
        ...checkChains(body.chains ?? {}),
        ...checkProviderChanges(env, body.providers ?? {}),
      ];
      if (errors.length) throw invalid(errors);
      const current = await loadStudioConfig(env, db, org.orgId);
      const keyChanges = await providerKeyStatements(env, db, org.orgId, body.providers ?? {});
      const touchesSettings = body.chains || body.cachePolicy || body.cacheTtlHours !== undefined;
      await db.batch([
        auditEntry(db, c, who, {
          orgId: org.orgId,
          action: 'studio.settings.updated',
          targetType: 'studio_settings',
          targetId: org.orgId,
          // Which keys changed, never the keys.
          data: {
            chains: body.chains,
            cachePolicy: body.cachePolicy,
            cacheTtlHours: body.cacheTtlHours,
            providers: Object.fromEntries(
              Object.entries(body.providers ?? {}).map(([id, change]) => [
                id,
                {
                  apiKey:
                    change.apiKey === undefined ? undefined : change.apiKey ? 'set' : 'cleared',
                  baseUrl: change.baseUrl,
                },
              ]),
            ),
          },
        }),
        ...keyChanges,
        ...(touchesSettings
          ? [
              studioSettingsStatement(db, org.orgId, current, {
                chains: body.chains,
                cachePolicy: body.cachePolicy,
                cacheTtlSeconds:
                  body.cacheTtlHours === undefined ? undefined : body.cacheTtlHours * 3600,
              }),
            ]
          : []),
      ]);
      return c.json(await settingsView(env, db, org.orgId));
    },
  )
  .get(
    '/studio/prices',
    {
      summary:
        'The price table: every version of every provider and model, in nano-USD and in this org’s credits',
      description:
        'Amounts are integer nano-USD (1e-9 US$) per unit. Rows are never edited; a new price ' +
        'is a new version, and each charge records the version it used.',
      auth: 'prices:read',
      responses: {
        200: {
          description: 'Price rows, current ones marked.',
          schema: Prices,
        },
      },
    },
    async ({ c, db, org }) => {
      const row = await db
        .select({ plan: orgs.plan })
        .from(orgs)
        .where(eq(orgs.id, org.orgId))
        .get();
      const markupBps = markupFor(row?.plan ?? 'free');
      const now = new Date();
      const credits = (nano: number | undefined, units: number) =>
        nano === undefined ? null : creditsFor(nano * units, markupBps);
      return c.json({
        plan: row?.plan ?? 'free',
        markupBps,
        nanoUsdPerCredit: NANO_USD_PER_CREDIT,
        rows: PRICE_BOOK.map((price) => ({
          versionId: priceVersionId(price),
          provider: price.provider,
          model: price.model,
          version: price.version,
          current: priceAt(PRICE_BOOK, price.provider, price.model, now) === price,
          currency: price.currency,
          nanoUsd: {
            inputToken: price.inputToken ?? null,
            outputToken: price.outputToken ?? null,
            image: price.image ?? null,
            character: price.character ?? null,
            second: price.second ?? null,
          },
          // What one typical generation costs this org, rounded up as charges are.
          perGeneration: creditsPerGeneration(price, markupBps),
          // What typical amounts cost this org, rounded up as charges are.
          credits: {
            per1kInputTokens: credits(price.inputToken, 1000),
            per1kOutputTokens: credits(price.outputToken, 1000),
            perImage: price.image
              ? Object.fromEntries(
                  Object.entries(price.image).map(([size, nano]) => [size, credits(nano, 1)]),
                )
              : null,
            per1kCharacters: credits(price.character, 1000),
            perMinute: credits(price.second, 60),
          },
        })),
      });
    },
  );
