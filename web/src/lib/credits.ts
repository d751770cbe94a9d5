/**
 * The active org's credit balance, shared by the header and the credits page: read once per org,
 * then kept current by the ledger's `credits.balance` live events (it publishes one after every
 * batch of entries it writes, so purchases and charges show without a reload).
 */
import { createStore } from 'solid-js/store';
import { type Answer, call, client } from './api.ts';
import { tp } from './i18n.ts';
import type { OrgEvent } from './live-events.ts';

type Balance = Answer<'/api/v1/credits', 'get'>;

const [credits, setCredits] = createStore<Balance & { loaded: boolean; orgId: string | null }>({
  balance: 0,
  held: 0,
  available: 0,
  loaded: false,
  orgId: null,
});

export { credits };

/** Live events seen so far: a read that was in flight when one arrived is older than it. */
let eventsSeen = 0;

export async function loadCredits(orgId: string): Promise<void> {
  if (credits.orgId !== orgId) setCredits({ loaded: false, orgId });
  const before = eventsSeen;
  const balance = await call(client.GET('/api/v1/credits'));
  if (credits.orgId === orgId && eventsSeen === before) setCredits({ ...balance, loaded: true });
}

const isCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value);

export function receiveBalanceEvent(event: OrgEvent) {
  if (event.type !== 'credits.balance') return;
  const { balance, held, available } = event;
  if (isCount(balance) && isCount(held) && isCount(available)) {
    eventsSeen++;
    setCredits({ balance, held, available, loaded: true });
  }
}

/** "1 crédito", "1.234 créditos" (words from the shell's dictionary, loaded on every signed-in page). */
export const formatCredits = (n: number) => tp('shell.credits', n);
