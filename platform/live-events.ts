/** @module Publishing live events to an org's open tabs through its OrgHub room. */
import type { OrgEvent } from '../domain/live-events.ts';
import type { Env } from './env.ts';
import { log } from './log.ts';

/** Best effort: a live event that cannot be delivered is logged, never fails the caller. */
export async function publishToOrg(env: Env, orgId: string, event: OrgEvent): Promise<void> {
  try {
    // Loaded on first use: partyserver imports `cloudflare:workers`, which exists only inside
    // workerd, and modules that queue jobs (routes among them) must stay importable in Node,
    // where the OpenAPI document is checked.
    const { getServerByName } = await import('partyserver');
    const hub = await getServerByName(env.ORG_HUB, orgId);
    await hub.publish(event);
  } catch (err) {
    log(env, 'warn', 'live event not delivered', { orgId, type: event.type, error: String(err) });
  }
}
