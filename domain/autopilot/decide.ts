/**
 * @module The autopilot's decisions for one org, as pure functions of what the caller read:
 *
 * - `decideCycle(input)` — the six-hourly cycle (cron `0 *\/6 * * *`). Per ad set, the entity
 *   that owns a daily budget: losers are paused (stop-loss); a raise whose ROAS then fell more
 *   than the rollback percent goes back to its previous budget; winners get +raise% at most once
 *   per `minHoursBetweenRaises` and never above the max multiple of their initial budget;
 *   potentials are kept and flagged for new creatives; stop-loss pauses are revived when delayed
 *   conversions lift ROAS to the target within the revive window. Per ad of a running ad set:
 *   losers paused, the top `keepTop` kept, non-winners below them rotated out, and new creatives
 *   requested for free slots. Then the spend caps (spend-caps.ts) have the last word.
 * - `enforceSpendCaps(input)` — the hourly check (cron `0 * * * *`, after insights are stored):
 *   only the caps — pause everything at a cap, trim the weakest when the worst case no longer
 *   fits, resume what a cap paused once it fits again.
 *
 * Both return `{decisions, alerts}`; see decision.ts for how the caller persists and executes
 * them, and inputs.ts for what it must read. When a raise is executed the caller stores
 * `{at: now, reason, fromMinor, toMinor, before: decision.inputs.trailing}` as the ad set's
 * `lastBudgetChange` (a rollback stores `before: null`).
 *
 * Caps are applied to the plan as if every change were executed, whatever the mode: the plan is
 * what DRY_RUN reports and what APPROVAL proposes.
 */
import { type Classification, classifyPerformance, compareStrength } from './classify.ts';
import {
  type AutopilotDecision,
  buildDecision,
  type DecisionContext,
  type DecisionDraft,
  type DecisionInputs,
  decisionContext,
} from './decision.ts';
import type { AdInput, AdSetInput, CycleInput } from './inputs.ts';
import { type MetricTotals, sumTotals } from './metrics.ts';
import {
  type AutopilotAlert,
  type CapName,
  capAlerts,
  capStatus,
  type DeliveryPlan,
  keepsCaps,
  maxDailySpendMinor,
  remainingTodayMinor,
} from './spend-caps.ts';

const HOUR_MS = 3_600_000;

export interface CycleOutput {
  decisions: AutopilotDecision[];
  alerts: AutopilotAlert[];
}

/** One ad set inside a cycle: its planned delivery decision and the state that plan leads to. */
interface AdSetPlan extends DeliveryPlan {
  input: AdSetInput;
  classification: Classification;
  inputs: DecisionInputs;
  /** The delivery decision so far; null when the autopilot has nothing to say (e.g. manual pause). */
  delivery: DecisionDraft | null;
  /** A change that raises spend, waiting for the caps to admit it; `delivery` is its fallback. */
  increase: DecisionDraft | null;
}

export function decideCycle(input: CycleInput): CycleOutput {
  const ctx = decisionContext(input.orgId, input.now, input.settings, 'decide');
  const plans = input.adSets.map((adSet) => planAdSet(ctx, adSet));
  const caps = applySpendCaps(ctx, input, plans);
  const decisions: AutopilotDecision[] = [];
  for (const plan of plans) {
    if (plan.delivery) decisions.push(buildDecision(ctx, plan.delivery));
    // Ads are judged inside ad sets that run before and after the cycle: a paused ad set's ads
    // spend nothing, so there is nothing to learn or change about them.
    if (plan.input.status === 'active' && plan.active) {
      for (const draft of planAds(ctx, plan)) decisions.push(buildDecision(ctx, draft));
    }
  }
  return { decisions, alerts: caps.alerts };
}

export function enforceSpendCaps(input: CycleInput): CycleOutput {
  const ctx = decisionContext(input.orgId, input.now, input.settings, 'caps');
  const plans = input.adSets.map((adSet) => {
    const plan = basePlan(ctx, adSet);
    plan.increase = capResume(plan);
    return plan;
  });
  const caps = applySpendCaps(ctx, input, plans);
  const decisions = plans.flatMap((plan) =>
    plan.delivery ? [buildDecision(ctx, plan.delivery)] : [],
  );
  return { decisions, alerts: caps.alerts };
}

function basePlan(ctx: DecisionContext, adSet: AdSetInput): AdSetPlan {
  const judgedTotals = sumTotals(runningLifetimes(adSet.ads));
  const classification = classifyPerformance(
    judgedTotals,
    { launchedAt: adSet.launchedAt, now: ctx.now },
    { minimumData: ctx.settings.minimumData.adSet, targets: ctx.settings.targets },
  );
  return {
    input: adSet,
    classification,
    inputs: {
      status: adSet.status,
      pausedFor: adSet.pausedFor,
      hoursLive: (ctx.now - adSet.launchedAt) / HOUR_MS,
      judgedTotals,
      metrics: classification.metrics,
      checks: [...classification.minimumData, ...classification.performance],
      dailyBudgetMinor: adSet.dailyBudgetMinor,
      initialDailyBudgetMinor: adSet.initialDailyBudgetMinor,
      spentTodayMinor: adSet.spentTodayMinor,
      sinceBudgetChange: adSet.sinceBudgetChange,
      trailing: adSet.trailing,
    },
    active: adSet.status === 'active',
    dailyBudgetMinor: adSet.dailyBudgetMinor,
    spentTodayMinor: adSet.spentTodayMinor,
    overdeliveryPercent: adSet.overdeliveryPercent ?? 100,
    delivery: null,
    increase: null,
  };
}

function* runningLifetimes(ads: AdInput[]) {
  for (const ad of ads) if (ad.status === 'active') yield ad.lifetime;
}

function adSetDraft(
  plan: AdSetPlan,
  action: DecisionDraft['action'],
  reasons: DecisionDraft['reasons'],
  after: { active: boolean; dailyBudgetMinor: number },
): DecisionDraft {
  const before =
    plan.input.status === 'active'
      ? maxDailySpendMinor({ ...plan, dailyBudgetMinor: plan.input.dailyBudgetMinor })
      : 0;
  const afterSpend = after.active ? maxDailySpendMinor({ ...plan, ...after }) : 0;
  return {
    entity: {
      kind: 'ad_set',
      id: plan.input.id,
      adSetId: plan.input.id,
      campaignId: plan.input.campaignId,
    },
    slot: 'delivery',
    verdict: plan.classification.verdict,
    action,
    reasons,
    inputs: plan.inputs,
    expected: {
      status: after.active ? 'active' : 'paused',
      dailyBudgetMinor: after.dailyBudgetMinor,
      dailySpendChangeMinor: afterSpend - before,
    },
    spendIncreaseMinor:
      action.type === 'set_budget'
        ? Math.max(0, action.toMinor - action.fromMinor)
        : action.type === 'resume'
          ? after.dailyBudgetMinor
          : 0,
  };
}

const unchanged = (plan: AdSetPlan) => ({
  active: plan.input.status === 'active',
  dailyBudgetMinor: plan.input.dailyBudgetMinor,
});

function planAdSet(ctx: DecisionContext, adSet: AdSetInput): AdSetPlan {
  const plan = basePlan(ctx, adSet);
  const { verdict } = plan.classification;
  const hold = (reasons: DecisionDraft['reasons']) =>
    adSetDraft(plan, { type: 'hold' }, reasons, unchanged(plan));

  if (adSet.status === 'paused') {
    plan.increase = revive(ctx, plan) ?? capResume(plan);
    return plan;
  }
  if (verdict === 'loser') {
    setDelivery(
      plan,
      adSetDraft(plan, { type: 'pause', reason: 'stop_loss' }, ['loser'], {
        active: false,
        dailyBudgetMinor: adSet.dailyBudgetMinor,
      }),
    );
  } else if (rollbackDue(ctx, adSet)) {
    const toMinor = adSet.lastBudgetChange!.fromMinor;
    setDelivery(
      plan,
      adSetDraft(
        plan,
        { type: 'set_budget', reason: 'rollback', fromMinor: adSet.dailyBudgetMinor, toMinor },
        [verdict, 'roas_dropped_after_raise'],
        { active: true, dailyBudgetMinor: toMinor },
      ),
    );
  } else if (verdict === 'winner') {
    plan.delivery = hold(['winner']);
    const raise = winnerRaise(ctx, plan);
    if (typeof raise === 'string') plan.delivery = hold(['winner', raise]);
    else plan.increase = raise;
  } else if (verdict === 'potential') {
    plan.delivery = hold(['potential', 'needs_new_creatives']);
  } else {
    plan.delivery = hold(['insufficient_data']);
  }
  return plan;
}

/** Makes `draft` the plan's delivery decision and moves the plan to the state it leads to. */
function setDelivery(plan: AdSetPlan, draft: DecisionDraft) {
  plan.delivery = draft;
  plan.active = draft.expected.status === 'active';
  plan.dailyBudgetMinor = draft.expected.dailyBudgetMinor ?? plan.dailyBudgetMinor;
}

function rollbackDue(ctx: DecisionContext, adSet: AdSetInput): boolean {
  const change = adSet.lastBudgetChange;
  const { rollbackAfterHours, rollbackRoasDropPercent } = ctx.settings.scaling;
  if (change?.reason !== 'winner_raise' || !change.before) return false;
  // A person changed the budget since: their budget stands.
  if (adSet.dailyBudgetMinor !== change.toMinor) return false;
  if (ctx.now - change.at < rollbackAfterHours * HOUR_MS) return false;
  const after = adSet.sinceBudgetChange;
  const before = change.before;
  if (after.spendMinor <= 0 || before.spendMinor <= 0) return false;
  // ROAS after < ROAS before × (100 − drop)%, cross-multiplied exactly (products can pass 2^53).
  return (
    BigInt(after.revenueMinor) * BigInt(before.spendMinor) * 100n <
    BigInt(100 - rollbackRoasDropPercent) * BigInt(before.revenueMinor) * BigInt(after.spendMinor)
  );
}

function winnerRaise(
  ctx: DecisionContext,
  plan: AdSetPlan,
): DecisionDraft | 'raised_recently' | 'at_max_budget' {
  const { scaling } = ctx.settings;
  const adSet = plan.input;
  const change = adSet.lastBudgetChange;
  if (change && ctx.now - change.at < scaling.minHoursBetweenRaises * HOUR_MS) {
    return 'raised_recently';
  }
  const fromMinor = adSet.dailyBudgetMinor;
  const maxMinor = adSet.initialDailyBudgetMinor * scaling.maxMultipleOfInitialBudget;
  const toMinor = Math.min(Math.floor((fromMinor * (100 + scaling.raisePercent)) / 100), maxMinor);
  if (toMinor <= fromMinor) return 'at_max_budget';
  const draft = adSetDraft(
    plan,
    { type: 'set_budget', reason: 'winner_raise', fromMinor, toMinor },
    ['winner'],
    { active: true, dailyBudgetMinor: toMinor },
  );
  const roas = plan.classification.metrics.roas;
  const trailingRoas =
    adSet.trailing.spendMinor > 0 ? adSet.trailing.revenueMinor / adSet.trailing.spendMinor : roas;
  draft.expected.rollbackBelowRoas =
    trailingRoas === null ? null : (trailingRoas * (100 - scaling.rollbackRoasDropPercent)) / 100;
  return draft;
}

function roasAtTarget(ctx: DecisionContext, totals: MetricTotals): boolean {
  return (
    totals.spendMinor > 0 &&
    totals.revenueMinor * 100 >= ctx.settings.targets.minRoasPercent * totals.spendMinor
  );
}

function withinReviveWindow(ctx: DecisionContext, pausedAt: number | null): boolean {
  return (
    pausedAt !== null && ctx.now - pausedAt <= ctx.settings.stopLoss.reviveWindowHours * HOUR_MS
  );
}

function revive(ctx: DecisionContext, plan: AdSetPlan): DecisionDraft | null {
  const adSet = plan.input;
  if (adSet.pausedFor !== 'stop_loss' || !withinReviveWindow(ctx, adSet.pausedAt)) return null;
  if (!roasAtTarget(ctx, plan.inputs.judgedTotals)) return null;
  return adSetDraft(
    plan,
    { type: 'resume', reason: 'revive' },
    [plan.classification.verdict, 'delayed_conversions_lifted_roas'],
    { active: true, dailyBudgetMinor: adSet.dailyBudgetMinor },
  );
}

function capResume(plan: AdSetPlan): DecisionDraft | null {
  const { status, pausedFor, dailyBudgetMinor } = plan.input;
  if (status !== 'paused' || (pausedFor !== 'daily_cap' && pausedFor !== 'weekly_cap')) {
    return null;
  }
  return adSetDraft(
    plan,
    { type: 'resume', reason: 'cap_released' },
    [plan.classification.verdict, 'cap_released'],
    { active: true, dailyBudgetMinor },
  );
}

/**
 * The caps' last word on a cycle's plan. At a reached cap every running ad set is paused. If what
 * running ad sets may still spend today exceeds the headroom, the weakest are paused until it
 * fits and nothing that raises spend goes ahead. Otherwise raises, revives and cap resumes are
 * admitted strongest first while the plan still fits (see `fitsSpendCaps`).
 */
function applySpendCaps(
  ctx: DecisionContext,
  input: CycleInput,
  plans: AdSetPlan[],
): { alerts: AutopilotAlert[] } {
  const { caps } = ctx.settings;
  const status = capStatus(input.spend, caps);
  let exposure = 0;
  let fullDay = 0;
  for (const plan of plans) {
    exposure += remainingTodayMinor(plan);
    if (plan.active) fullDay += maxDailySpendMinor(plan);
  }
  const orgSpend = {
    todayMinor: input.spend.todayMinor,
    weekMinor: input.spend.weekMinor,
    exposureMinor: exposure,
  };
  // Decisions the caps made or admitted also record the org's spend they were measured against.
  const withOrgSpend = (draft: DecisionDraft) => {
    draft.inputs = { ...draft.inputs, orgSpend };
    return draft;
  };
  const capPause = (plan: AdSetPlan, cap: CapName, reasons: DecisionDraft['reasons']) => {
    const draft = adSetDraft(plan, { type: 'pause', reason: cap }, reasons, {
      active: false,
      dailyBudgetMinor: plan.dailyBudgetMinor,
    });
    setDelivery(plan, withOrgSpend(draft));
  };

  let trimmed = 0;
  if (status.reached) {
    const reason = status.reached === 'daily_cap' ? 'daily_cap_reached' : 'weekly_cap_reached';
    for (const plan of plans) {
      plan.increase = null;
      if (plan.active) capPause(plan, status.reached, [reason]);
    }
  } else if (!keepsCaps(status, exposure)) {
    const running = plans.filter((p) => p.active).sort(weakestFirst);
    for (const plan of running) {
      if (keepsCaps(status, exposure)) break;
      exposure -= remainingTodayMinor(plan);
      capPause(plan, status.binding, [plan.classification.verdict, 'cap_trim_weakest_first']);
      trimmed++;
    }
    for (const plan of plans) plan.increase = null;
  } else {
    const waiting = plans.filter((p) => p.increase).sort((a, b) => weakestFirst(b, a));
    for (const plan of waiting) {
      const increase = plan.increase!;
      plan.increase = null;
      const next = { ...plan, ...afterOf(increase) };
      const addedExposure = remainingTodayMinor(next) - remainingTodayMinor(plan);
      const addedFullDay = maxDailySpendMinor(next) - (plan.active ? maxDailySpendMinor(plan) : 0);
      if (
        keepsCaps(status, exposure + addedExposure) &&
        fullDay + addedFullDay <= caps.dailyMinor
      ) {
        exposure += addedExposure;
        fullDay += addedFullDay;
        setDelivery(plan, withOrgSpend(increase));
      } else if (plan.delivery) {
        plan.delivery.reasons = [...plan.delivery.reasons, 'cap_headroom'];
      }
    }
  }
  return { alerts: capAlerts(input.orgId, input.spend, caps, status, trimmed) };
}

const afterOf = (draft: DecisionDraft) => ({
  active: draft.expected.status === 'active',
  dailyBudgetMinor: draft.expected.dailyBudgetMinor ?? 0,
});

function weakestFirst(a: AdSetPlan, b: AdSetPlan): number {
  return (
    compareStrength(a.classification, b.classification) || a.input.id.localeCompare(b.input.id)
  );
}

/**
 * The ads of an ad set that runs through the cycle: losers paused (stop-loss); stop-loss pauses
 * revived when delayed conversions lift ROAS to target within the window; the survivors with
 * enough data ranked by strength, the top `keepTop` kept and non-winners below them rotated out;
 * untested ads keep running; new creatives requested for the slots left free.
 */
function planAds(ctx: DecisionContext, plan: AdSetPlan): DecisionDraft[] {
  const { creatives } = ctx.settings;
  const drafts: DecisionDraft[] = [];
  const ranked: { ad: AdInput; c: Classification; revived: boolean }[] = [];
  let running = 0;
  for (const ad of plan.input.ads) {
    const c = classifyPerformance(
      ad.lifetime,
      { launchedAt: ad.launchedAt, now: ctx.now },
      { minimumData: ctx.settings.minimumData.ad, targets: ctx.settings.targets },
    );
    if (ad.status === 'active') {
      if (c.verdict === 'loser') {
        drafts.push(adDraft(ctx, plan, ad, c, { type: 'pause', reason: 'stop_loss' }, ['loser']));
      } else if (c.verdict === 'insufficient_data') {
        drafts.push(adDraft(ctx, plan, ad, c, { type: 'hold' }, ['insufficient_data']));
        running++;
      } else {
        ranked.push({ ad, c, revived: false });
      }
    } else if (
      ad.pausedFor === 'stop_loss' &&
      withinReviveWindow(ctx, ad.pausedAt) &&
      roasAtTarget(ctx, ad.lifetime)
    ) {
      ranked.push({ ad, c, revived: true });
    }
  }
  ranked.sort((a, b) => compareStrength(b.c, a.c) || a.ad.id.localeCompare(b.ad.id));
  ranked.forEach(({ ad, c, revived }, rank) => {
    const kept = rank < creatives.keepTop || c.verdict === 'winner';
    if (kept) {
      running++;
      drafts.push(
        revived
          ? adDraft(ctx, plan, ad, c, { type: 'resume', reason: 'revive' }, [
              c.verdict,
              'delayed_conversions_lifted_roas',
            ])
          : adDraft(
              ctx,
              plan,
              ad,
              c,
              { type: 'hold' },
              c.verdict === 'potential' ? ['potential', 'needs_new_creatives'] : [c.verdict],
            ),
      );
    } else if (!revived) {
      drafts.push(
        adDraft(ctx, plan, ad, c, { type: 'pause', reason: 'rotation' }, [
          c.verdict,
          'outside_top_creatives',
        ]),
      );
    }
  });
  const free =
    creatives.keepTop + creatives.testSlots - running - Math.max(0, plan.input.pendingCreatives);
  const count = Math.min(free, creatives.maxRequestsPerCycle);
  if (count > 0) {
    drafts.push({
      entity: {
        kind: 'ad_set',
        id: plan.input.id,
        adSetId: plan.input.id,
        campaignId: plan.input.campaignId,
      },
      slot: 'creatives',
      verdict: plan.classification.verdict,
      action: { type: 'request_creatives', count },
      reasons:
        plan.classification.verdict === 'potential'
          ? ['free_creative_slots', 'needs_new_creatives']
          : ['free_creative_slots'],
      inputs: plan.inputs,
      expected: {
        status: 'active',
        dailyBudgetMinor: plan.dailyBudgetMinor,
        dailySpendChangeMinor: 0,
        creativesRequested: count,
      },
      spendIncreaseMinor: 0,
    });
  }
  return drafts;
}

function adDraft(
  ctx: DecisionContext,
  plan: AdSetPlan,
  ad: AdInput,
  c: Classification,
  action: DecisionDraft['action'],
  reasons: DecisionDraft['reasons'],
): DecisionDraft {
  const active = action.type === 'resume' || (action.type !== 'pause' && ad.status === 'active');
  return {
    entity: { kind: 'ad', id: ad.id, adSetId: plan.input.id, campaignId: plan.input.campaignId },
    slot: 'delivery',
    verdict: c.verdict,
    action,
    reasons,
    inputs: {
      status: ad.status,
      pausedFor: ad.pausedFor,
      hoursLive: (ctx.now - ad.launchedAt) / HOUR_MS,
      judgedTotals: ad.lifetime,
      metrics: c.metrics,
      checks: [...c.minimumData, ...c.performance],
    },
    // An ad has no budget of its own: pausing or reviving it moves its ad set's spend between
    // its ads, the ad set's daily spend stays what its budget allows.
    expected: {
      status: active ? 'active' : 'paused',
      dailyBudgetMinor: null,
      dailySpendChangeMinor: 0,
    },
    spendIncreaseMinor: 0,
  };
}
