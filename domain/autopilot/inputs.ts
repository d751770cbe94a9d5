/**
 * @module What the caller reads for one org's autopilot cycle: its settings, its actual spend in
 * the org's calendar, and each ad set (the entity that owns a daily budget) with its ads.
 *
 * The caller sums metric windows from the hourly insight rows (SQL SUMs), all with the same pinned
 * attribution window and with conversions counted in the hour they were reported:
 * - per ad, `lifetime`: since launch (its verdict, stop-loss, revive, rotation ranking);
 * - per ad set, `sinceBudgetChange`: since `lastBudgetChange.at` (the rollback check), and
 *   `trailing`: the last `scaling.compareWindowHours` hours (stored with a raise as `before`).
 * An ad set's verdict is computed here from the lifetimes of the ads it runs now (status active):
 * its whole history would hold creatives the autopilot already paused, and condemn an audience
 * for ads it no longer shows.
 *
 * Platform contract the spend caps rely on: an ad set spends at most
 * `dailyBudgetMinor × overdeliveryPercent / 100` per day of the ad account, whose day must be the
 * org's day, and nothing while paused. Sandbox and TikTok keep to the budget (100); Meta may
 * deliver up to 75% more on a day (175).
 */
import type { PausedFor } from './decision.ts';
import type { MetricTotals } from './metrics.ts';
import type { AutopilotSettings } from './settings.ts';
import type { OrgSpend } from './spend-caps.ts';

export interface BudgetChange {
  at: number;
  reason: 'winner_raise' | 'rollback';
  fromMinor: number;
  toMinor: number;
  /** For a raise: the `trailing` totals when it was decided — the ROAS it must keep. */
  before: MetricTotals | null;
}

export interface AdInput {
  id: string;
  status: 'active' | 'paused';
  pausedFor: PausedFor | null;
  /** When it was paused (ms UTC); the revive window counts from here. */
  pausedAt: number | null;
  launchedAt: number;
  lifetime: MetricTotals;
}

export interface AdSetInput {
  id: string;
  campaignId: string;
  status: 'active' | 'paused';
  pausedFor: PausedFor | null;
  pausedAt: number | null;
  launchedAt: number;
  initialDailyBudgetMinor: number;
  dailyBudgetMinor: number;
  /** Actual spend so far in the current org day. */
  spentTodayMinor: number;
  /** Defaults to 100: see the platform contract above. */
  overdeliveryPercent?: number;
  lastBudgetChange: BudgetChange | null;
  sinceBudgetChange: MetricTotals;
  trailing: MetricTotals;
  /** New creatives already requested for this ad set and not yet live. */
  pendingCreatives: number;
  ads: AdInput[];
}

export interface CycleInput {
  orgId: string;
  /** ms UTC; the cycle window and every "hours since" are measured from it. */
  now: number;
  settings: AutopilotSettings;
  /** The org's actual spend today and this week (org time zone, weeks from Monday). */
  spend: OrgSpend;
  adSets: AdSetInput[];
}
