/**
 * @module An org's studio settings: the provider order per modality, the cache policy, and the
 * org's provider keys (sealed with AES-GCM, context `<org>/<provider>`; only "set or not" and the
 * last four characters ever leave this module, except as the decrypted key handed to an adapter).
 */

import { type Db, orgScope } from '../../platform/db.ts';
import type { Env } from '../../platform/env.ts';
import type { FieldError } from '../../platform/problem.ts';
import { openSecret, sealSecret } from '../../platform/secret-box.ts';
import {
  AI_PROVIDERS,
  PROVIDER_IDS,
  type ProviderInfo,
  providerInfo,
} from '../../providers/ai/catalog.ts';
import type { ProviderAccess } from '../../providers/ai/types.ts';
import {
  aiProviderKeys,
  type CachePolicy,
  MODALITIES,
  type Modality,
  studioSettings,
} from '../../schema/studio.ts';

export interface StudioConfig {
  chains: Record<Modality, string[]>;
  cachePolicy: CachePolicy;
  cacheTtlSeconds: number;
}

/**
 * Without settings, development runs everything on the sandbox; production tries the real
 * providers the org has keys for, in this order.
 */
export function defaultChains(env: Pick<Env, 'APP_ENV'>): Record<Modality, string[]> {
  if (env.APP_ENV === 'development')
    return { text: ['sandbox'], image: ['sandbox'], speech: ['sandbox'] };
  return {
    text: ['openai', 'gemini', 'openrouter'],
    image: ['openai', 'gemini'],
    speech: ['elevenlabs', 'openai'],
  };
}

export async function loadStudioConfig(env: Env, db: Db, orgId: string): Promise<StudioConfig> {
  const row = await db
    .select()
    .from(studioSettings)
    .where(orgScope(orgId).where(studioSettings))
    .get();
  const defaults = defaultChains(env);
  return {
    chains: Object.fromEntries(
      MODALITIES.map((m) => [m, row?.chains?.[m] ?? defaults[m]]),
    ) as Record<Modality, string[]>,
    cachePolicy: row?.cachePolicy ?? 'free',
    cacheTtlSeconds: row?.cacheTtlSeconds ?? 7 * 24 * 3600,
  };
}

const keyContext = (orgId: string, provider: string) => `${orgId}/${provider}`;

/** How this org reaches each provider it can use now: key present where needed, an endpoint known. */
export async function providerAccess(
  env: Env,
  db: Db,
  orgId: string,
): Promise<Map<string, ProviderAccess>> {
  const rows = await db.select().from(aiProviderKeys).where(orgScope(orgId).where(aiProviderKeys));
  const access = new Map<string, ProviderAccess>();
  for (const id of PROVIDER_IDS) {
    const info: ProviderInfo = AI_PROVIDERS[id];
    const row = rows.find((r) => r.provider === id);
    const baseUrl = row?.baseUrl ?? info.baseUrl;
    if (info.adapter !== 'sandbox' && !baseUrl) continue;
    if (info.needsKey && !row?.encryptedKey) continue;
    const apiKey = row?.encryptedKey
      ? await openSecret(env.ENCRYPTION_KEY, row.encryptedKey, keyContext(orgId, id))
      : null;
    access.set(id, { apiKey, baseUrl: baseUrl ?? '' });
  }
  return access;
}

export interface ProviderStatus {
  id: string;
  label: string;
  modalities: Modality[];
  models: Partial<Record<Modality, readonly string[]>>;
  voices: readonly string[];
  needsKey: boolean;
  keySet: boolean;
  keyLast4: string | null;
  baseUrl: string | null;
  customBaseUrl: boolean;
  usable: boolean;
}

/** Every provider with what the org has set for it (never the key). */
export async function providerStatuses(db: Db, orgId: string): Promise<ProviderStatus[]> {
  const rows = await db
    .select({
      provider: aiProviderKeys.provider,
      keySet: aiProviderKeys.encryptedKey,
      keyLast4: aiProviderKeys.keyLast4,
      baseUrl: aiProviderKeys.baseUrl,
    })
    .from(aiProviderKeys)
    .where(orgScope(orgId).where(aiProviderKeys));
  return PROVIDER_IDS.map((id) => {
    const info: ProviderInfo = AI_PROVIDERS[id];
    const row = rows.find((r) => r.provider === id);
    const keySet = !!row?.keySet;
    const baseUrl = row?.baseUrl ?? info.baseUrl;
    return {
      id,
      label: info.label,
      modalities: MODALITIES.filter((m) => info.models[m]?.length),
      models: info.models,
      voices: info.voices ?? [],
      needsKey: info.needsKey,
      keySet,
      keyLast4: keySet ? row!.keyLast4 : null,
      baseUrl,
      customBaseUrl: !!row?.baseUrl,
      usable: (info.adapter === 'sandbox' || !!baseUrl) && (!info.needsKey || keySet),
    };
  });
}

export interface ProviderKeyChange {
  apiKey?: string | null;
  baseUrl?: string | null;
}

/** Field errors for provider names and endpoints the org may not use. */
export function checkProviderChanges(
  env: Pick<Env, 'APP_ENV'>,
  changes: Record<string, ProviderKeyChange>,
): FieldError[] {
  const errors: FieldError[] = [];
  for (const [id, change] of Object.entries(changes)) {
    const info = providerInfo(id);
    if (!info) {
      errors.push({
        path: `providers.${id}`,
        message: `Unknown provider. Choose one of: ${PROVIDER_IDS.join(', ')}.`,
      });
      continue;
    }
    if (info.adapter === 'sandbox' && (change.apiKey || change.baseUrl))
      errors.push({ path: `providers.${id}`, message: 'The sandbox needs no key or endpoint.' });
    // Plain http only reaches a server on the developer's own machine.
    if (change.baseUrl?.startsWith('http://') && env.APP_ENV !== 'development')
      errors.push({
        path: `providers.${id}.baseUrl`,
        message: 'baseUrl must start with https://.',
      });
  }
  return errors;
}

/** The upserts for the org's provider key changes, ready for the caller's batch. */
export async function providerKeyStatements(
  env: Env,
  db: Db,
  orgId: string,
  changes: Record<string, ProviderKeyChange>,
) {
  const statements = [];
  for (const [provider, change] of Object.entries(changes)) {
    const set: Partial<typeof aiProviderKeys.$inferInsert> = { updatedAt: new Date() };
    if (change.apiKey !== undefined) {
      set.encryptedKey = change.apiKey
        ? await sealSecret(env.ENCRYPTION_KEY, change.apiKey, keyContext(orgId, provider))
        : null;
      set.keyLast4 = change.apiKey ? change.apiKey.slice(-4) : null;
    }
    if (change.baseUrl !== undefined) set.baseUrl = change.baseUrl;
    statements.push(
      db
        .insert(aiProviderKeys)
        .values({ orgId, provider, ...set })
        .onConflictDoUpdate({ target: [aiProviderKeys.orgId, aiProviderKeys.provider], set }),
    );
  }
  return statements;
}

/** The upsert for chains and cache policy. */
export function studioSettingsStatement(
  db: Db,
  orgId: string,
  current: StudioConfig,
  change: {
    chains?: Partial<Record<Modality, string[]>>;
    cachePolicy?: CachePolicy;
    cacheTtlSeconds?: number;
  },
) {
  const values = {
    chains: { ...current.chains, ...change.chains },
    cachePolicy: change.cachePolicy ?? current.cachePolicy,
    cacheTtlSeconds: change.cacheTtlSeconds ?? current.cacheTtlSeconds,
    updatedAt: new Date(),
  };
  return db
    .insert(studioSettings)
    .values({ orgId, ...values })
    .onConflictDoUpdate({ target: studioSettings.orgId, set: values });
}

/** Field errors for chains naming unknown providers or ones that lack the modality. */
export function checkChains(chains: Partial<Record<Modality, string[]>>): FieldError[] {
  const errors: FieldError[] = [];
  for (const [modality, providers] of Object.entries(chains) as [Modality, string[]][]) {
    providers.forEach((id, i) => {
      const info = providerInfo(id);
      if (!info?.models[modality]?.length)
        errors.push({
          path: `chains.${modality}.${i}`,
          message: info
            ? `${info.label} does not offer ${modality}.`
            : `Unknown provider. Choose one of: ${PROVIDER_IDS.join(', ')}.`,
        });
    });
    if (new Set(providers).size !== providers.length)
      errors.push({ path: `chains.${modality}`, message: 'Name each provider once.' });
  }
  return errors;
}
