/**
 * @module Acting on autopilot decisions: executing one through its platform adapter (the `ads`
 * queue job `autopilot.execute`) and applying it to the D1 ad sets and ads, and a person's
 * approval or rejection of a proposal.
 *
 * Execution is safe to repeat: a decision that is no longer queued or approved is skipped, and
 * status and budget updates set absolute values on the platform. A budget change whose ad set no
 * longer has the budget the decision saw (a person changed it) is not applied: their budget stands.
 * An approved change that raises spend is checked against the spend caps again at approval time
 * (autopilot/decision.ts, step 3): spend may have moved since it was proposed.
 */
import { and, eq, inArray, ne } from 'drizzle-orm';
import type { AdPlatformName } from '../../domain/ads/vocabulary.ts';
import { cycleWindow } from '../../domain/autopilot/decision.ts';
import { fitsSpendCaps } from '../../domain/autopilot/spend-caps.ts';
import { raiseAlert } from '../../platform/alerts.ts';
import { auditEntry } from '../../platform/audit.ts';
import { type Db, database, orgScope } from '../../platform/db.ts';
import type { Env } from '../../platform/env.ts';
import { RetryLater } from '../../platform/jobs.ts';
import { publishToOrg } from '../../platform/live-events.ts';
import type { OrgPrincipal, RequestOrigin } from '../../platform/principal.ts';
import { conflict, notFound } from '../../platform/problem.ts';
import { adPlatformFor } from '../../providers/ads/index.ts';
import { AdPlatformError } from '../../providers/ads/types.ts';
import { adCampaigns, adSets, ads } from '../../schema/ads.ts';
import { autopilotDecisions } from '../../schema/autopilot.ts';
import { jobs } from '../../schema/jobs.ts';
import { adAccountFor } from '../ads/accounts.ts';
import {
  EXECUTE_DECISION_JOB,
  enqueueExecution,
  entityNames,
  type StoredDecision,
} from './cycle.ts';
import { orgAutopilotContext, readCycleInput } from './load-inputs.ts';
import { settleMirroredProposal } from './proposals.ts';

/** What was being done when a platform failed, as a code (the web words it), and in English. */
const DOING = {
  reading_insights: 'reading insights',
  applying_changes: 'applying autopilot changes',
} as const;

/** Raised once per platform and hour while its API keeps failing. */
export async function raisePlatformFailing(
  env: Env,
  orgId: string,
  err: AdPlatformError,
  doingCode: keyof typeof DOING,
  now = Date.now(),
) {
  const doing = DOING[doingCode];
  const hour = new Date(Math.floor(now / 3_600_000) * 3_600_000).toISOString();
  await raiseAlert(env, {
    orgId,
    kind: 'ads.platform_failing',
    severity: err.kind === 'auth' ? 'critical' : 'warning',
    title: `${err.platform} is failing: ${doing}`,
    detail:
      err.kind === 'auth'
        ? `${err.message} Reconnect the account in settings.`
        : `${err.message} (${err.kind}${err.retryable ? ', retrying' : ''})`,
    dedupKey: `platform_failing:${err.platform}:${hour}`,
    data: { platform: err.platform, kind: err.kind, code: err.platformCode, doing: doingCode },
  });
}

async function finish(
  env: Env,
  db: Db,
  decision: StoredDecision,
  outcome: { status: 'executed' | 'failed'; error?: string },
  applyToEntity: Parameters<Db['batch']>[0][number][] = [],
) {
  const now = new Date();
  const scope = orgScope(decision.orgId);
  await db.batch([
    ...applyToEntity,
    db
      .update(autopilotDecisions)
      .set({ status: outcome.status, executedAt: now, error: outcome.error ?? null })
      .where(
        scope.where(
          autopilotDecisions,
          eq(autopilotDecisions.id, decision.id),
          inArray(autopilotDecisions.status, ['queued', 'approved']),
        ),
      ),
    auditEntry(
      db,
      null,
      null,
      {
        orgId: decision.orgId,
        action: `autopilot.decision.${outcome.status}`,
        targetType: decision.entityKind,
        targetId: decision.entityId,
        data: { decisionId: decision.id, action: decision.action, error: outcome.error },
      },
      { onlyIfChanged: true },
    ),
  ] as unknown as Parameters<Db['batch']>[0]);
  await publishToOrg(env, decision.orgId, {
    type: 'autopilot.decision',
    id: decision.id,
    status: outcome.status,
    entityKind: decision.entityKind,
    entityId: decision.entityId,
    campaignId: decision.campaignId,
  });
}

/** When the autopilot paused a campaign's last running ad set, the campaign no longer delivers. */
async function alertIfCampaignStopped(env: Env, db: Db, decision: StoredDecision) {
  const scope = orgScope(decision.orgId);
  const running = await db
    .select({ id: adSets.id })
    .from(adSets)
    .where(
      scope.where(
        adSets,
        eq(adSets.campaignId, decision.campaignId),
        eq(adSets.status, 'active'),
        ne(adSets.id, decision.adSetId),
      ),
    )
    .get();
  if (running) return;
  const names = await entityNames(db, decision.orgId, decision);
  const reason = decision.action.type === 'pause' ? decision.action.reason : 'autopilot';
  await raiseAlert(env, {
    orgId: decision.orgId,
    kind: 'autopilot.campaign_paused',
    severity: reason === 'daily_cap' || reason === 'weekly_cap' ? 'critical' : 'warning',
    title: `Campaign auto-paused: ${names.campaign}`,
    detail: `The autopilot paused its last running ad set (${reason.replace('_', ' ')}).`,
    dedupKey: `campaign_paused:${decision.campaignId}:${decision.id}`,
    data: {
      decisionId: decision.id,
      campaignId: decision.campaignId,
      campaignName: names.campaign,
      reason,
    },
  });
}

/** The `autopilot.execute` job: one decision through its platform, then into D1. */
export async function executeDecision(env: Env, orgId: string, decisionId: string) {
  const db = database(env.DB);
  const scope = orgScope(orgId);
  const decision = await db
    .select()
    .from(autopilotDecisions)
    .where(scope.where(autopilotDecisions, eq(autopilotDecisions.id, decisionId)))
    .get();
  if (!decision || (decision.status !== 'queued' && decision.status !== 'approved')) {
    return { skipped: decision?.status ?? 'missing' };
  }
  const { action } = decision;
  if (action.type === 'hold') return { skipped: 'hold' };
  if (action.type === 'request_creatives') {
    const names = await entityNames(db, orgId, decision);
    await raiseAlert(env, {
      orgId,
      kind: 'autopilot.creatives_needed',
      severity: 'info',
      title: `New creatives needed: ${names.entity}`,
      detail: `The autopilot asks for ${action.count} new creative(s) in campaign ${names.campaign} to test beside the best ones.`,
      dedupKey: `creatives_needed:${decision.id}`,
      data: {
        decisionId: decision.id,
        adSetId: decision.adSetId,
        count: action.count,
        entityName: names.entity,
        campaignName: names.campaign,
      },
    });
    await finish(env, db, decision, { status: 'executed' });
    return { executed: 'request_creatives' };
  }

  const campaign = await db
    .select({ platform: adCampaigns.platform, currency: adCampaigns.currency })
    .from(adCampaigns)
    .where(scope.where(adCampaigns, eq(adCampaigns.id, decision.campaignId)))
    .get();
  const table = decision.entityKind === 'ad_set' ? adSets : ads;
  const entity = await db
    .select({ externalId: table.externalId, status: table.status, id: table.id })
    .from(table)
    .where(scope.where(table, eq(table.id, decision.entityId)))
    .get();
  const budget =
    decision.entityKind === 'ad_set'
      ? await db
          .select({ dailyBudgetMinor: adSets.dailyBudgetMinor })
          .from(adSets)
          .where(scope.where(adSets, eq(adSets.id, decision.entityId)))
          .get()
      : undefined;
  if (!campaign || !entity?.externalId) {
    await finish(env, db, decision, { status: 'failed', error: 'Not published on a platform.' });
    return { failed: 'not_published' };
  }
  if (action.type === 'set_budget' && budget?.dailyBudgetMinor !== action.fromMinor) {
    await finish(env, db, decision, {
      status: 'failed',
      error: 'The budget was changed since this decision; that budget stands.',
    });
    return { failed: 'budget_changed' };
  }

  const now = new Date();
  try {
    const account = await adAccountFor(env, db, orgId, campaign.platform as AdPlatformName);
    const platform = adPlatformFor(env, account);
    if (action.type === 'set_budget') {
      await platform.updateDailyBudget(entity.externalId, {
        dailyBudgetMinor: action.toMinor,
        currency: campaign.currency,
      });
    } else {
      await platform.updateStatus(
        decision.entityKind,
        entity.externalId,
        action.type === 'pause' ? 'PAUSED' : 'ACTIVE',
      );
    }
  } catch (err) {
    if (!(err instanceof AdPlatformError)) throw err;
    await raisePlatformFailing(env, orgId, err, 'applying_changes');
    if (err.retryable) throw new RetryLater(err.message);
    await finish(env, db, decision, { status: 'failed', error: err.message });
    return { failed: err.kind };
  }

  const change =
    action.type === 'set_budget'
      ? { dailyBudgetMinor: action.toMinor, updatedAt: now }
      : action.type === 'pause'
        ? { status: 'paused' as const, pausedFor: action.reason, pausedAt: now, updatedAt: now }
        : { status: 'active' as const, pausedFor: null, pausedAt: null, updatedAt: now };
  const apply =
    decision.entityKind === 'ad_set'
      ? db
          .update(adSets)
          .set(change)
          .where(scope.where(adSets, eq(adSets.id, decision.entityId)))
      : db
          .update(ads)
          .set(change as Omit<typeof change, 'dailyBudgetMinor'>)
          .where(scope.where(ads, eq(ads.id, decision.entityId)));
  await finish(env, db, decision, { status: 'executed' }, [apply]);
  if (action.type === 'pause' && decision.entityKind === 'ad_set') {
    await alertIfCampaignStopped(env, db, decision);
  }
  return { executed: action.type };
}

/**
 * Dead-letter hook of the `ads` queue: an execution that kept failing (the platform stayed rate
 * limited or down through every retry) is marked failed, so it never shows as queued forever.
 */
export async function executionGaveUp(env: Env, jobId: string, orgId: string): Promise<void> {
  const db = database(env.DB);
  const job = await db
    .select({ kind: jobs.kind, input: jobs.input })
    .from(jobs)
    .where(orgScope(orgId).where(jobs, eq(jobs.id, jobId)))
    .get();
  if (job?.kind !== EXECUTE_DECISION_JOB) return;
  const decision = await db
    .select()
    .from(autopilotDecisions)
    .where(
      orgScope(orgId).where(
        autopilotDecisions,
        eq(autopilotDecisions.id, String(job.input?.decisionId ?? '')),
      ),
    )
    .get();
  if (decision)
    await finish(env, db, decision, {
      status: 'failed',
      error: 'The platform kept failing; gave up after several attempts.',
    });
}

/** Does a change that raises spend still fit the caps, and is its entity still as it saw it? */
async function stillAdmitted(
  db: Db,
  decision: StoredDecision,
  now: number,
): Promise<string | null> {
  const { action } = decision;
  const raises =
    (action.type === 'set_budget' && action.toMinor > action.fromMinor) ||
    (action.type === 'resume' && decision.entityKind === 'ad_set');
  if (!raises) return null;
  const context = await orgAutopilotContext(db, decision.orgId);
  const input = await readCycleInput(db, decision.orgId, now, context);
  const target = input.adSets.find((a) => a.id === decision.entityId);
  if (!target) return 'The ad set is no longer running in an active campaign.';
  if (action.type === 'set_budget' && target.dailyBudgetMinor !== action.fromMinor)
    return 'The budget was changed since this was proposed.';
  if (action.type === 'resume' && target.status !== 'paused')
    return 'The ad set is already running.';
  const plans = input.adSets.map((a) => ({
    active: a.id === target.id ? decision.expected.status === 'active' : a.status === 'active',
    dailyBudgetMinor:
      a.id === target.id
        ? (decision.expected.dailyBudgetMinor ?? a.dailyBudgetMinor)
        : a.dailyBudgetMinor,
    spentTodayMinor: a.spentTodayMinor,
    overdeliveryPercent: a.overdeliveryPercent,
  }));
  return fitsSpendCaps(input.spend, context.settings.caps, plans)
    ? null
    : 'The spend caps no longer leave room for this change.';
}

/** A person approves (then it is queued for execution) or rejects a proposal. */
export async function reviewDecision(
  env: Env,
  db: Db,
  c: RequestOrigin,
  who: OrgPrincipal,
  id: string,
  verdict: 'approved' | 'rejected',
  now = Date.now(),
): Promise<StoredDecision> {
  const scope = orgScope(who.orgId);
  const decision = await db
    .select()
    .from(autopilotDecisions)
    .where(scope.where(autopilotDecisions, eq(autopilotDecisions.id, id)))
    .get();
  if (!decision) throw notFound('Decision');
  if (decision.status !== 'proposed')
    throw conflict(`This decision is ${decision.status}, not waiting for approval.`);
  if (verdict === 'approved') {
    if (cycleWindow(decision.cycle, now).start > decision.windowStart.getTime())
      throw conflict('This proposal is from an earlier cycle; approve the current one instead.');
    const refusal = await stillAdmitted(db, decision, now);
    if (refusal) throw conflict(refusal);
  }
  const reviewer = who.kind === 'user' ? who.userId : `api_key:${who.keyId}`;
  const [updated] = await db.batch([
    db
      .update(autopilotDecisions)
      .set({ status: verdict, decidedBy: reviewer, reviewedAt: new Date(now) })
      .where(
        scope.where(
          autopilotDecisions,
          and(eq(autopilotDecisions.id, id), eq(autopilotDecisions.status, 'proposed')),
        ),
      )
      .returning(),
    auditEntry(
      db,
      c,
      who,
      {
        orgId: who.orgId,
        action: `autopilot.decision.${verdict}`,
        targetType: decision.entityKind,
        targetId: decision.entityId,
        data: { decisionId: id, action: decision.action, expected: decision.expected },
      },
      { onlyIfChanged: true },
    ),
  ]);
  const row = updated[0];
  if (!row) throw conflict('This decision was reviewed by someone else just now.');
  if (verdict === 'approved') await enqueueExecution(env, row, reviewer);
  await settleMirroredProposal(env, row, verdict, reviewer);
  await publishToOrg(env, who.orgId, {
    type: 'autopilot.decision',
    id,
    status: verdict,
    entityKind: row.entityKind,
    entityId: row.entityId,
    campaignId: row.campaignId,
  });
  return row;
}
