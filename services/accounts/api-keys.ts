/**
 * @module API keys for external clients: `gl_live_<random>`, shown once, stored as a SHA-256 hash
 * (the keys are long and random, so a fast hash is enough), looked up by that hash.
 */
import { and, eq, gt, isNull, lt, or } from 'drizzle-orm';
import { randomToken, sha256Hex } from '../../domain/ids.ts';
import { database } from '../../platform/db.ts';
import { apiKeys } from '../../schema/orgs.ts';

export const API_KEY_PREFIX = 'gl_live_';
/** How much of a key lists show, so people can tell keys apart without seeing them. */
const VISIBLE_PREFIX_LENGTH = API_KEY_PREFIX.length + 6;

export const isApiKey = (token: string) => token.startsWith('gl_');

export async function mintApiKey(): Promise<{ key: string; prefix: string; keyHash: string }> {
  const key = `${API_KEY_PREFIX}${randomToken(24)}`;
  return { key, prefix: key.slice(0, VISIBLE_PREFIX_LENGTH), keyHash: await sha256Hex(key) };
}

export async function findActiveApiKey(d1: D1Database, key: string) {
  const now = new Date();
  return database(d1)
    .select({
      id: apiKeys.id,
      orgId: apiKeys.orgId,
      scopes: apiKeys.scopes,
      lastUsedAt: apiKeys.lastUsedAt,
    })
    .from(apiKeys)
    .where(
      and(
        eq(apiKeys.keyHash, await sha256Hex(key)),
        isNull(apiKeys.revokedAt),
        or(isNull(apiKeys.expiresAt), gt(apiKeys.expiresAt, now)),
      ),
    )
    .get();
}

/** Records last use at most once a minute per key, off the request's critical path. */
export async function touchApiKey(d1: D1Database, key: { id: string; lastUsedAt: Date | null }) {
  const now = Date.now();
  if (key.lastUsedAt && now - key.lastUsedAt.getTime() < 60_000) return;
  await database(d1)
    .update(apiKeys)
    .set({ lastUsedAt: new Date(now) })
    .where(
      and(
        eq(apiKeys.id, key.id),
        or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, new Date(now - 60_000))),
      ),
    );
}
