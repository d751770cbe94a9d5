/** @module Publishing live events to an org's open tabs through its OrgHub room. */
import { getServerByName } from 'partyserver';
import type { OrgEvent } from '../../rooms/org-hub.ts';
import type { Env } from '../env.ts';
import { log } from '../log.ts';

/** Best effort: a live event that cannot be delivered is logged, never fails the caller. */
export async function publishToOrg(env: Env, orgId: string, event: OrgEvent): Promise<void> {
  try {
    const hub = await getServerByName(env.ORG_HUB, orgId);
    await hub.publish(event);
  } catch (err) {
    log(env, 'warn', 'live event not delivered', { orgId, type: event.type, error: String(err) });
  }
}
