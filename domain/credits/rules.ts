/**
 * @module The credit ledger's rules as pure functions: calendar periods in the org's time zone,
 * spend limits, threshold alerts, auto-recharge crossings, refunds and the order in which
 * expiring credits are spent. The CreditLedger Durable Object calls these; they are table-tested.
 */

/** Spend-limit alerts fire once per period when committed spend reaches these percentages. */
export const ALERT_THRESHOLDS = [80, 100] as const;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** `{year, month, day}` of an instant as seen on a wall clock in `timeZone`. */
export function localDateParts(ms: number, timeZone: string) {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(ms).map((p) => [p.type, p.value]));
  return { year: parts.year!, month: parts.month!, day: parts.day! };
}

/** `YYYY-MM-DD` in the org's time zone: the day a report puts this instant in. */
export function localDay(ms: number, timeZone: string): string {
  const { year, month, day } = localDateParts(ms, timeZone);
  return `${year}-${month}-${day}`;
}

/** `YYYY-MM` in the org's time zone: the period spend limits and recharge caps count in. */
export function monthPeriod(ms: number, timeZone: string): string {
  const { year, month } = localDateParts(ms, timeZone);
  return `${year}-${month}`;
}

export interface LimitBreach {
  limit: number;
  /** What may still be reserved in this period. */
  remaining: number;
}

/**
 * Reserve-first: open holds count against the limit as if spent, so concurrent requests cannot
 * together pass a limit that each alone stays under. `limit` null means no limit.
 */
export function spendLimitBreach(
  limit: number | null | undefined,
  spent: number,
  held: number,
  requested: number,
): LimitBreach | null {
  if (limit === null || limit === undefined) return null;
  if (spent + held + requested <= limit) return null;
  return { limit, remaining: Math.max(0, limit - spent - held) };
}

/** Thresholds (percent of `limit`) that committed spend reached by going from `before` to `after`. */
export function thresholdsReached(
  limit: number | null | undefined,
  before: number,
  after: number,
  thresholds: readonly number[] = ALERT_THRESHOLDS,
): number[] {
  if (!limit || limit <= 0) return [];
  // Integer arithmetic: spend * 100 >= limit * t, so 80% of 7 is reached at 6 (5.6 rounded up).
  return thresholds.filter((t) => before * 100 < limit * t && after * 100 >= limit * t);
}

export interface AutoRecharge {
  enabled: boolean;
  /** Below this many available credits, one top-up starts. */
  thresholdCredits: number;
  packId: string;
  credits: number;
  amountMinor: number;
  currency: string;
  /** The most that may be charged for top-ups in one month, in minor units. */
  monthlyCapMinor: number;
}

export type RechargeDecision = 'none' | 'start' | 'capped';

/**
 * A top-up starts only when available credits cross below the threshold (were at or above it,
 * are now below): staying below does not start another, and coming back up re-arms it.
 */
export function rechargeDecision(
  settings: AutoRecharge | null | undefined,
  availableBefore: number,
  availableAfter: number,
  chargedThisMonthMinor: number,
): RechargeDecision {
  if (!settings?.enabled) return 'none';
  const crossed =
    availableBefore >= settings.thresholdCredits && availableAfter < settings.thresholdCredits;
  if (!crossed) return 'none';
  return chargedThisMonthMinor + settings.amountMinor > settings.monthlyCapMinor
    ? 'capped'
    : 'start';
}

/**
 * Credits a refund takes back: proportional to the money refunded, rounded up, so a refund
 * never leaves credits that were not paid for; a full refund takes back exactly what was bought.
 */
export function refundedCredits(credits: number, amountMinor: number, refundedMinor: number) {
  if (amountMinor <= 0) return 0;
  const refunded = Math.min(Math.max(refundedMinor, 0), amountMinor);
  return Math.ceil((credits * refunded) / amountMinor);
}

/**
 * Stripe reports refunds two ways: `charge.refunded` carries the charge's cumulative refunded
 * amount, refund events carry single refunds. Each is a lower bound of what was refunded, and
 * either may arrive late or twice, so the best estimate is the larger of the two.
 */
export function refundedMinorSoFar(cumulativeSeen: number, singleRefunds: number[]) {
  return Math.max(
    cumulativeSeen,
    singleRefunds.reduce((sum, amount) => sum + amount, 0),
  );
}

export interface Lot {
  id: string;
  remaining: number;
  expiresAt: number;
}

/**
 * Spending takes expiring credits first, soonest expiry first, so nobody loses credits to an
 * expiry while holding credits that never expire. Returns what to take from each lot; whatever
 * is left comes out of credits that do not expire.
 */
export function takeFromLots(lots: Lot[], credits: number): { id: string; take: number }[] {
  const takes: { id: string; take: number }[] = [];
  let left = credits;
  for (const lot of [...lots].sort((a, b) => a.expiresAt - b.expiresAt)) {
    if (left <= 0) break;
    const take = Math.min(lot.remaining, left);
    if (take > 0) takes.push({ id: lot.id, take });
    left -= take;
  }
  return takes;
}
