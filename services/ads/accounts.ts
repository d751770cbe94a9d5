/**
 * @module An org's ad accounts: the decrypted `AdAccount` an adapter needs (`adAccountFor`), what
 * the settings screen may show about each connection (`adPlatformStatuses`: never the token, only
 * its last four characters), checking a connection against its platform, and the upsert that
 * connects it. The sandbox is always
 * connected, in the org's own currency and time zone.
 */
import { eq } from 'drizzle-orm';
import type { AdPlatformName, ConnectableAdPlatform } from '../../domain/ads/vocabulary.ts';
import { type Db, orgScope } from '../../platform/db.ts';
import type { Env } from '../../platform/env.ts';
import { invalid, Problem } from '../../platform/problem.ts';
import { openSecret, sealSecret } from '../../platform/secret-box.ts';
import { adPlatformFor } from '../../providers/ads/index.ts';
import { type AdAccount, AdPlatformError } from '../../providers/ads/types.ts';
import { adPlatformAccounts } from '../../schema/ads-platforms.ts';
import { orgs } from '../../schema/orgs.ts';

const tokenContext = (orgId: string, platform: ConnectableAdPlatform) => `${orgId}/ads/${platform}`;

async function orgMoneyAndTime(db: Db, orgId: string) {
  const org = await db
    .select({ currency: orgs.currency, timeZone: orgs.timeZone })
    .from(orgs)
    .where(eq(orgs.id, orgId))
    .get();
  if (!org) throw new Error(`No org ${orgId}.`);
  return org;
}

/**
 * The org's account on `platform`, credentials decrypted, for `adPlatformFor`. A platform the org
 * has not connected fails as `auth`: a person must connect it before anything can run there.
 */
export async function adAccountFor(
  env: Env,
  db: Db,
  orgId: string,
  platform: AdPlatformName,
): Promise<AdAccount> {
  if (platform === 'sandbox') return { platform, orgId, ...(await orgMoneyAndTime(db, orgId)) };
  const row = await db
    .select()
    .from(adPlatformAccounts)
    .where(orgScope(orgId).where(adPlatformAccounts, eq(adPlatformAccounts.platform, platform)))
    .get();
  if (!row)
    throw new AdPlatformError(platform, 'auth', `This organization has not connected ${platform}.`);
  const accessToken = await openSecret(
    env.ENCRYPTION_KEY,
    row.encryptedAccessToken,
    tokenContext(orgId, platform),
  );
  const common = {
    orgId,
    currency: row.currency,
    timeZone: row.timeZone,
    accessToken,
    pixelId: row.pixelId,
  };
  return platform === 'meta'
    ? { platform, ...common, adAccountId: row.accountId, pageId: row.publisherId }
    : { platform, ...common, advertiserId: row.accountId, identityId: row.publisherId };
}

export interface AdPlatformStatus {
  platform: AdPlatformName;
  connected: boolean;
  accountId: string | null;
  publisherId: string | null;
  pixelId: string | null;
  tokenLast4: string | null;
  currency: string | null;
  timeZone: string | null;
  updatedAt: string | null;
}

/** Every platform with what the org connected (never the token). */
export async function adPlatformStatuses(db: Db, orgId: string): Promise<AdPlatformStatus[]> {
  const [org, rows] = await Promise.all([
    orgMoneyAndTime(db, orgId),
    db.select().from(adPlatformAccounts).where(orgScope(orgId).where(adPlatformAccounts)),
  ]);
  const sandbox: AdPlatformStatus = {
    platform: 'sandbox',
    connected: true,
    accountId: null,
    publisherId: null,
    pixelId: null,
    tokenLast4: null,
    currency: org.currency,
    timeZone: org.timeZone,
    updatedAt: null,
  };
  const connectable = (['meta', 'tiktok'] as const).map((platform): AdPlatformStatus => {
    const row = rows.find((r) => r.platform === platform);
    return {
      platform,
      connected: !!row,
      accountId: row?.accountId ?? null,
      publisherId: row?.publisherId ?? null,
      pixelId: row?.pixelId ?? null,
      tokenLast4: row?.tokenLast4 ?? null,
      currency: row?.currency ?? null,
      timeZone: row?.timeZone ?? null,
      updatedAt: row?.updatedAt.toISOString() ?? null,
    };
  });
  return [sandbox, ...connectable];
}

export interface AdPlatformConnection {
  accountId: string;
  accessToken: string;
  publisherId: string;
  pixelId: string | null;
  currency: string;
  timeZone: string;
}

const PLATFORM_LABELS: Record<ConnectableAdPlatform, string> = { meta: 'Meta', tiktok: 'TikTok' };

/**
 * Reads the ad account with the token given, so only a connection that works is stored; the
 * account's currency and time zone are taken from the platform, which is where they are set.
 * Refusals become 422s naming the field to fix; an unreachable platform a 503.
 */
export async function verifyAdPlatformConnection(
  env: Env,
  orgId: string,
  platform: ConnectableAdPlatform,
  input: { accountId: string; accessToken: string; publisherId: string; pixelId: string | null },
): Promise<AdPlatformConnection> {
  const label = PLATFORM_LABELS[platform];
  // Currency and time zone are placeholders: describing the account reads neither.
  const common = { orgId, currency: 'BRL', timeZone: 'UTC', accessToken: input.accessToken };
  const adapter = adPlatformFor(
    env,
    platform === 'meta'
      ? {
          platform,
          ...common,
          adAccountId: input.accountId,
          pageId: input.publisherId,
          pixelId: null,
        }
      : {
          platform,
          ...common,
          advertiserId: input.accountId,
          identityId: input.publisherId,
          pixelId: null,
        },
  );
  try {
    const details = await adapter.describeAccount();
    if (!details.active)
      throw invalid([
        { path: `${platform}.accountId`, message: `${label} says this ad account is not active.` },
      ]);
    return { ...input, currency: details.currency, timeZone: details.timeZone };
  } catch (err) {
    if (!(err instanceof AdPlatformError)) throw err;
    if (err.kind === 'auth')
      throw invalid([
        { path: `${platform}.accessToken`, message: `${label} refused this token: ${err.message}` },
      ]);
    if (err.kind === 'not_found' || err.kind === 'invalid_request')
      throw invalid([
        { path: `${platform}.accountId`, message: `${label} does not know this ad account.` },
      ]);
    throw new Problem(
      503,
      'Platform unavailable',
      `${label} could not be reached to check the account; try again shortly.`,
      [],
      err.retryAfterSeconds ? { 'Retry-After': String(err.retryAfterSeconds) } : {},
    );
  }
}

/**
 * The upsert connecting (or re-connecting) a platform, ready for the caller's batch. In an array:
 * a drizzle query is thenable, so a promise of one would run it on the spot, outside the batch.
 */
export async function connectAdPlatformStatements(
  env: Env,
  db: Db,
  orgId: string,
  platform: ConnectableAdPlatform,
  connection: AdPlatformConnection,
) {
  const values = {
    accountId: connection.accountId,
    encryptedAccessToken: await sealSecret(
      env.ENCRYPTION_KEY,
      connection.accessToken,
      tokenContext(orgId, platform),
    ),
    tokenLast4: connection.accessToken.slice(-4),
    publisherId: connection.publisherId,
    pixelId: connection.pixelId,
    currency: connection.currency,
    timeZone: connection.timeZone,
    updatedAt: new Date(),
  };
  return [
    db
      .insert(adPlatformAccounts)
      .values({ orgId, platform, ...values })
      .onConflictDoUpdate({
        target: [adPlatformAccounts.orgId, adPlatformAccounts.platform],
        set: values,
      }),
  ] as const;
}

export function disconnectAdPlatformStatement(
  db: Db,
  orgId: string,
  platform: ConnectableAdPlatform,
) {
  return db
    .delete(adPlatformAccounts)
    .where(orgScope(orgId).where(adPlatformAccounts, eq(adPlatformAccounts.platform, platform)));
}
