/**
 * @module The spend caps, enforced on actual spend: how much of each cap is left, how much the
 * running ad sets could still spend today at worst (their exposure), and whether a plan of
 * statuses and budgets keeps that worst case inside both caps.
 *
 * Why exposure and not just "pause when the cap is reached": decisions run every six hours and
 * the cap check every hour, but an ad set may spend its whole remaining daily budget between two
 * checks. So the autopilot keeps this invariant after every check:
 *
 *     spent today (org) + Σ over running ad sets of what each may still spend today  ≤  cap headroom
 *
 * for the daily and the weekly cap alike. Spending only moves money from "may still spend" to
 * "spent", so between checks the caps cannot be crossed; at a new day every ad set's allowance
 * resets, and the first check of the day trims the weakest ad sets if the week's headroom is
 * short. When actual spend reaches a cap, everything is paused and a critical alert is raised.
 *
 * Interface: `capStatus`, `remainingTodayMinor`, `exposureMinor`, `keepsCaps` (the invariant),
 * `fitsSpendCaps` (the invariant, and the day's full budgets fit the daily cap: the test for any
 * change that raises spend, including a proposal at the moment it is approved), `capAlerts`.
 */
import type { PauseReason } from './decision.ts';
import type { SpendCaps } from './settings.ts';

export type CapName = Extract<PauseReason, 'daily_cap' | 'weekly_cap'>;

export interface OrgSpend {
  todayMinor: number;
  weekMinor: number;
  /** The org calendar day (YYYY-MM-DD) and ISO week (YYYY-Www) those totals cover. */
  day: string;
  week: string;
}

export interface CapStatus {
  dailyHeadroomMinor: number;
  weeklyHeadroomMinor: number;
  /** The smaller of the two: what may still be spent today without crossing either cap. */
  headroomMinor: number;
  /** The cap that leaves less headroom (the one a trim is attributed to). */
  binding: CapName;
  /** A cap actual spend has reached; the weekly one when both have, as it lasts longer. */
  reached: CapName | null;
  /** Caps actual spend has reached `warnAtPercent` of. */
  nearing: CapName[];
}

/** One ad set as a plan sees it: running or not, with its budget after the planned changes. */
export interface DeliveryPlan {
  active: boolean;
  dailyBudgetMinor: number;
  spentTodayMinor: number;
  overdeliveryPercent?: number;
}

export interface AutopilotAlert {
  kind: 'spend_cap_reached' | 'spend_cap_near' | 'spend_cap_trim';
  severity: 'warning' | 'critical';
  cap: CapName;
  spentMinor: number;
  capMinor: number;
  /** One alert per cap and period: a condition that persists is raised once. */
  dedupKey: string;
}

export function capStatus(spend: Pick<OrgSpend, 'todayMinor' | 'weekMinor'>, caps: SpendCaps) {
  const dailyHeadroomMinor = caps.dailyMinor - spend.todayMinor;
  const weeklyHeadroomMinor = caps.weeklyMinor - spend.weekMinor;
  const reached: CapName | null =
    weeklyHeadroomMinor <= 0 ? 'weekly_cap' : dailyHeadroomMinor <= 0 ? 'daily_cap' : null;
  const nearing: CapName[] = [];
  if (spend.todayMinor * 100 >= caps.warnAtPercent * caps.dailyMinor) nearing.push('daily_cap');
  if (spend.weekMinor * 100 >= caps.warnAtPercent * caps.weeklyMinor) nearing.push('weekly_cap');
  return {
    dailyHeadroomMinor,
    weeklyHeadroomMinor,
    headroomMinor: Math.min(dailyHeadroomMinor, weeklyHeadroomMinor),
    binding: weeklyHeadroomMinor < dailyHeadroomMinor ? 'weekly_cap' : 'daily_cap',
    reached,
    nearing,
  } satisfies CapStatus;
}

/** The most an ad set may spend in a day under its budget (platform over-delivery included). */
export function maxDailySpendMinor(plan: Omit<DeliveryPlan, 'active' | 'spentTodayMinor'>) {
  return Math.floor((plan.dailyBudgetMinor * (plan.overdeliveryPercent ?? 100)) / 100);
}

export function remainingTodayMinor(plan: DeliveryPlan): number {
  return plan.active ? Math.max(0, maxDailySpendMinor(plan) - plan.spentTodayMinor) : 0;
}

export function exposureMinor(plans: Iterable<DeliveryPlan>): number {
  let total = 0;
  for (const plan of plans) total += remainingTodayMinor(plan);
  return total;
}

/** The invariant: what running ad sets may still spend today fits both caps' headroom. */
export function keepsCaps(status: CapStatus, exposure: number): boolean {
  return status.reached === null && exposure <= status.headroomMinor;
}

/**
 * May a plan that raises spend go ahead? It must keep the invariant today, and the running ad
 * sets' full daily budgets must fit the daily cap, or tomorrow's first check would have to pause
 * something to undo it.
 */
export function fitsSpendCaps(
  spend: Pick<OrgSpend, 'todayMinor' | 'weekMinor'>,
  caps: SpendCaps,
  plans: Iterable<DeliveryPlan>,
): boolean {
  let exposure = 0;
  let fullDay = 0;
  for (const plan of plans) {
    exposure += remainingTodayMinor(plan);
    if (plan.active) fullDay += maxDailySpendMinor(plan);
  }
  return keepsCaps(capStatus(spend, caps), exposure) && fullDay <= caps.dailyMinor;
}

/** Alerts for the org's spend against its caps; `trimmed` is how many ad sets a trim paused. */
export function capAlerts(
  orgId: string,
  spend: OrgSpend,
  caps: SpendCaps,
  status: CapStatus,
  trimmed: number,
): AutopilotAlert[] {
  const period = (cap: CapName) => (cap === 'daily_cap' ? spend.day : spend.week);
  const figures = (cap: CapName) =>
    cap === 'daily_cap'
      ? { spentMinor: spend.todayMinor, capMinor: caps.dailyMinor }
      : { spentMinor: spend.weekMinor, capMinor: caps.weeklyMinor };
  const alerts: AutopilotAlert[] = [];
  if (status.reached) {
    const cap = status.reached;
    alerts.push({
      kind: 'spend_cap_reached',
      severity: 'critical',
      cap,
      ...figures(cap),
      dedupKey: `spend_cap_reached:${orgId}:${cap}:${period(cap)}`,
    });
  } else if (trimmed > 0) {
    const cap = status.binding;
    alerts.push({
      kind: 'spend_cap_trim',
      severity: 'warning',
      cap,
      ...figures(cap),
      dedupKey: `spend_cap_trim:${orgId}:${cap}:${period(cap)}`,
    });
  }
  for (const cap of status.nearing) {
    if (cap === status.reached) continue;
    alerts.push({
      kind: 'spend_cap_near',
      severity: 'warning',
      cap,
      ...figures(cap),
      dedupKey: `spend_cap_near:${orgId}:${cap}:${period(cap)}`,
    });
  }
  return alerts;
}
