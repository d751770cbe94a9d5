/**
 * @module Rate limits, enforced with Workers rate-limit bindings (fixed 60-second windows counted
 * at the edge, no extra round trip): sign-in and register per client IP, the API per org and per
 * API key, web-form capture per client IP and board. Limits live in wrangler.toml.
 */
import { clientIp, type OrgPrincipal, type UserPrincipal } from '../../platform/principal.ts';
import { tooManyRequests } from '../../platform/problem.ts';
import type { AppContext } from '../router.ts';

const WINDOW_SECONDS = 60;

/** Windows are aligned to the clock, so the wait is until the next full minute. */
const secondsToNextWindow = () =>
  Math.max(1, Math.ceil(WINDOW_SECONDS - ((Date.now() / 1000) % WINDOW_SECONDS)));

export async function limitAuthAttempts(c: AppContext): Promise<void> {
  const { success } = await c.env.AUTH_LIMITER.limit({ key: `ip:${clientIp(c)}` });
  if (!success) throw tooManyRequests(secondsToNextWindow());
}

/** Every authenticated call counts against its org (or, with no org yet, its user) and its key. */
export async function limitApiTraffic(
  c: AppContext,
  who: OrgPrincipal | UserPrincipal,
): Promise<void> {
  const orgId = 'orgId' in who ? who.orgId : who.activeOrgId;
  const bucket = orgId ? `org:${orgId}` : `user:${who.kind === 'user' ? who.userId : ''}`;
  const [org, key] = await Promise.all([
    c.env.ORG_LIMITER.limit({ key: bucket }),
    who.kind === 'api_key' ? c.env.API_KEY_LIMITER.limit({ key: `key:${who.keyId}` }) : null,
  ]);
  if (!org.success || (key && !key.success)) throw tooManyRequests(secondsToNextWindow());
}

/** Web-form capture is public: it counts per client IP and board. */
export async function limitCaptures(c: AppContext, boardId: string): Promise<void> {
  const { success } = await c.env.CAPTURE_LIMITER.limit({
    key: `capture:${boardId}:${clientIp(c)}`,
  });
  if (!success) throw tooManyRequests(secondsToNextWindow());
}
