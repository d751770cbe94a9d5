/**
 * @module The shape of an autopilot decision, as the caller persists and executes it, and the two
 * rules every decision shares: its idempotency key (one per entity, slot and cycle window) and its
 * disposition under the org's mode.
 *
 * A decision carries everything the audit log needs: the input snapshot (metrics and state it
 * saw), the thresholds it applied, the rule version, the action and the expected result.
 *
 * How the caller uses a decision (the cron wiring):
 * 1. Insert it keyed by `key` with ON CONFLICT DO NOTHING. Only a decision that was inserted is
 *    acted on, so running the cron twice in one window changes nothing more.
 * 2. `disposition`: 'record' → keep it (DRY_RUN, and every `hold`); 'propose' → a proposal to
 *    approve or reject (APPROVAL mode, or `requiresApproval` in any mode); 'execute' → enqueue it
 *    on the ads queue with `key` as the job's idempotency key.
 * 3. An approved proposal that raises spend must be re-checked with `fitsSpendCaps` (spend-caps.ts)
 *    at approval time: the spend may have moved since it was proposed.
 */
import type { RuleCheck, Verdict } from './classify.ts';
import type { DerivedMetrics, MetricTotals } from './metrics.ts';
import { AUTOPILOT_RULE_VERSION, type AutopilotMode, type AutopilotSettings } from './settings.ts';

export type EntityKind = 'ad_set' | 'ad';
/** stop_loss: a loser; rotation: outside the top creatives; *_cap: a spend cap's guardrail. */
export type PauseReason = 'stop_loss' | 'rotation' | 'daily_cap' | 'weekly_cap';
/** Why an entity is paused: one of the autopilot's reasons, or a person's (never undone here). */
export type PausedFor = PauseReason | 'manual';

export type AutopilotAction =
  | { type: 'hold' }
  | { type: 'pause'; reason: PauseReason }
  | { type: 'resume'; reason: 'revive' | 'cap_released' }
  | { type: 'set_budget'; reason: 'winner_raise' | 'rollback'; fromMinor: number; toMinor: number }
  | { type: 'request_creatives'; count: number };

export type ReasonCode =
  | Verdict
  | 'needs_new_creatives'
  | 'roas_dropped_after_raise'
  | 'raised_recently'
  | 'at_max_budget'
  | 'cap_headroom'
  | 'daily_cap_reached'
  | 'weekly_cap_reached'
  | 'cap_trim_weakest_first'
  | 'cap_released'
  | 'delayed_conversions_lifted_roas'
  | 'outside_top_creatives'
  | 'free_creative_slots'
  | 'above_approval_threshold';

export type Disposition = 'record' | 'propose' | 'execute';

/** The cron a decision came from: the six-hourly decisions, or the hourly spend-cap check. */
export type CycleKind = 'decide' | 'caps';

export const CYCLE_HOURS: Record<CycleKind, number> = { decide: 6, caps: 1 };

/** What the decision saw. Totals are as the caller summed them; derived ratios beside them. */
export interface DecisionInputs {
  status: 'active' | 'paused';
  pausedFor: PausedFor | null;
  hoursLive: number;
  /** The totals the verdict was made on: an ad's lifetime; for an ad set, its running ads'. */
  judgedTotals: MetricTotals;
  metrics: DerivedMetrics;
  checks: RuleCheck[];
  dailyBudgetMinor?: number;
  initialDailyBudgetMinor?: number;
  spentTodayMinor?: number;
  sinceBudgetChange?: MetricTotals;
  trailing?: MetricTotals;
  /** Org-wide actual spend, for cap decisions. */
  orgSpend?: { todayMinor: number; weekMinor: number; exposureMinor: number };
}

export interface ExpectedResult {
  status: 'active' | 'paused';
  /** The ad set's daily budget after the change (ads have none of their own). */
  dailyBudgetMinor: number | null;
  /** How much more (or, negative, less) the entity may spend per day after the change. */
  dailySpendChangeMinor: number;
  /** After a raise: ROAS below this (since the raise) rolls it back. */
  rollbackBelowRoas?: number | null;
  creativesRequested?: number;
}

export interface AutopilotDecision {
  /** Idempotency key: one decision per entity, slot and cycle window. */
  key: string;
  orgId: string;
  cycle: CycleKind;
  windowStart: string;
  windowEnd: string;
  decidedAt: string;
  entity: { kind: EntityKind; id: string; adSetId: string; campaignId: string };
  verdict: Verdict;
  action: AutopilotAction;
  reasons: ReasonCode[];
  disposition: Disposition;
  requiresApproval: boolean;
  ruleVersion: string;
  inputs: DecisionInputs;
  thresholds: Omit<AutopilotSettings, 'mode' | 'currency'>;
  expected: ExpectedResult;
}

export interface CycleWindow {
  cycle: CycleKind;
  start: number;
  end: number;
}

/** The cycle window `now` falls in; windows align to UTC hours, as the cron schedules do. */
export function cycleWindow(cycle: CycleKind, now: number): CycleWindow {
  const length = CYCLE_HOURS[cycle] * 3_600_000;
  const start = Math.floor(now / length) * length;
  return { cycle, start, end: start + length };
}

/**
 * `slot` separates the independent decisions one entity can get in a cycle: its delivery (status
 * and budget) and, for ad sets, its creative requests.
 */
export function decisionKey(
  orgId: string,
  window: CycleWindow,
  entity: { kind: EntityKind; id: string },
  slot: 'delivery' | 'creatives',
): string {
  return decisionKeyPrefix(orgId, window) + decisionKeySuffix(entity, slot);
}

function decisionKeySuffix(entity: { kind: EntityKind; id: string }, slot: string): string {
  return `${entity.kind}:${entity.id}:${slot}`;
}

function decisionKeyPrefix(orgId: string, window: CycleWindow): string {
  return `autopilot:${window.cycle}:${orgId}:${new Date(window.start).toISOString()}:`;
}

/**
 * What happens to a decision. Holds are only recorded. DRY_RUN records everything. A change that
 * needs approval is proposed in APPROVAL and AUTO alike. Spend-cap guardrails act in APPROVAL too:
 * a proposal waiting for a person would keep spending past the cap it exists to protect.
 */
export function dispositionFor(
  mode: AutopilotMode,
  action: AutopilotAction,
  requiresApproval: boolean,
): Disposition {
  if (action.type === 'hold' || mode === 'DRY_RUN') return 'record';
  if (requiresApproval) return 'propose';
  if (mode === 'AUTO' || isCapGuardrail(action)) return 'execute';
  return 'propose';
}

export function isCapGuardrail(action: AutopilotAction): boolean {
  return (
    (action.type === 'pause' &&
      (action.reason === 'daily_cap' || action.reason === 'weekly_cap')) ||
    (action.type === 'resume' && action.reason === 'cap_released')
  );
}

/** What every decision of one cycle shares. */
export interface DecisionContext {
  orgId: string;
  now: number;
  settings: AutopilotSettings;
  window: CycleWindow;
  thresholds: AutopilotDecision['thresholds'];
  /** Formatted once per cycle: a cycle may hold 100,000 decisions. */
  stamp: { keyPrefix: string; windowStart: string; windowEnd: string; decidedAt: string };
}

export function decisionContext(
  orgId: string,
  now: number,
  settings: AutopilotSettings,
  cycle: CycleKind,
): DecisionContext {
  const { mode: _mode, currency: _currency, ...thresholds } = settings;
  const window = cycleWindow(cycle, now);
  return {
    orgId,
    now,
    settings,
    window,
    thresholds,
    stamp: {
      keyPrefix: decisionKeyPrefix(orgId, window),
      windowStart: new Date(window.start).toISOString(),
      windowEnd: new Date(window.end).toISOString(),
      decidedAt: new Date(now).toISOString(),
    },
  };
}

export interface DecisionDraft {
  entity: AutopilotDecision['entity'];
  slot: 'delivery' | 'creatives';
  verdict: Verdict;
  action: AutopilotAction;
  reasons: ReasonCode[];
  inputs: DecisionInputs;
  expected: ExpectedResult;
  /** How much more per day the change lets the entity spend (0 for changes that lower spend). */
  spendIncreaseMinor: number;
}

/** Stamps a drafted decision with its key, approval need, disposition and rule version. */
export function buildDecision(ctx: DecisionContext, draft: DecisionDraft): AutopilotDecision {
  const requiresApproval = draft.spendIncreaseMinor > ctx.settings.approvalThresholdMinor;
  return {
    key: ctx.stamp.keyPrefix + decisionKeySuffix(draft.entity, draft.slot),
    orgId: ctx.orgId,
    cycle: ctx.window.cycle,
    windowStart: ctx.stamp.windowStart,
    windowEnd: ctx.stamp.windowEnd,
    decidedAt: ctx.stamp.decidedAt,
    entity: draft.entity,
    verdict: draft.verdict,
    action: draft.action,
    reasons: requiresApproval ? [...draft.reasons, 'above_approval_threshold'] : draft.reasons,
    disposition: dispositionFor(ctx.settings.mode, draft.action, requiresApproval),
    requiresApproval,
    ruleVersion: AUTOPILOT_RULE_VERSION,
    inputs: draft.inputs,
    thresholds: ctx.thresholds,
    expected: draft.expected,
  };
}

/**
 * recorded: a hold, nothing to do · dry_run: DRY_RUN mode, nothing sent · proposed: waits for a
 * person · approved: a person said yes, queued · rejected · queued: AUTO, sent to the ads queue ·
 * executed · failed (the platform refused, or the caps no longer admit it at approval) ·
 * expired: a proposal a later cycle replaced before anyone answered it.
 */
export const DECISION_STATUSES = [
  'recorded',
  'dry_run',
  'proposed',
  'approved',
  'rejected',
  'queued',
  'executed',
  'failed',
  'expired',
] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];
