/**
 * @module One org's autopilot cycle, wired: read the input from D1, run the pure rules
 * (`decideCycle` six-hourly, `enforceSpendCaps` hourly after insights), store each decision once
 * per cycle window with its audit entry, then act by disposition — record (holds, DRY_RUN),
 * propose (APPROVAL, or above the approval threshold in any mode), or execute (enqueue on the
 * `ads` queue with the decision's key as the job's idempotency key).
 *
 * Idempotency: a decision's key is unique per org, so a second run in the same window inserts
 * nothing and therefore enqueues, proposes and audits nothing more. Proposals of earlier windows
 * of the same cycle kind expire when a new window runs: they were made on numbers that moved, and
 * the new cycle proposes again what still holds.
 */
import { and, eq, lt } from 'drizzle-orm';
import { decideCycle, enforceSpendCaps } from '../../domain/autopilot/decide.ts';
import {
  type AutopilotDecision,
  type CycleKind,
  cycleWindow,
  type DecisionStatus,
} from '../../domain/autopilot/decision.ts';
import type { AutopilotMode } from '../../domain/autopilot/settings.ts';
import type { AutopilotAlert } from '../../domain/autopilot/spend-caps.ts';
import { newId } from '../../domain/ids.ts';
import { formatMoney } from '../../domain/money.ts';
import { raiseAlert } from '../../platform/alerts.ts';
import { auditEntry } from '../../platform/audit.ts';
import { type Db, database, orgScope } from '../../platform/db.ts';
import type { Env } from '../../platform/env.ts';
import { enqueueJob } from '../../platform/jobs.ts';
import { publishToOrg } from '../../platform/live-events.ts';
import { adCampaigns, adSets } from '../../schema/ads.ts';
import { autopilotDecisions } from '../../schema/autopilot.ts';
import { orgAutopilotContext, readCycleInput } from './load-inputs.ts';
import { mirrorProposal, settleMirroredProposal } from './proposals.ts';

/** Decisions per D1 batch: each is an insert plus its audit entry. */
const BATCH_DECISIONS = 40;

export const EXECUTE_DECISION_JOB = 'autopilot.execute';

export function initialStatus(decision: AutopilotDecision): DecisionStatus {
  if (decision.action.type === 'hold') return 'recorded';
  if (decision.disposition === 'record') return 'dry_run';
  return decision.disposition === 'propose' ? 'proposed' : 'queued';
}

function decisionRow(decision: AutopilotDecision, mode: AutopilotMode, now: number) {
  return {
    id: newId(now),
    orgId: decision.orgId,
    cycleKey: decision.key,
    cycle: decision.cycle,
    windowStart: new Date(decision.windowStart),
    entityKind: decision.entity.kind,
    entityId: decision.entity.id,
    adSetId: decision.entity.adSetId,
    campaignId: decision.entity.campaignId,
    verdict: decision.verdict,
    actionType: decision.action.type,
    action: decision.action,
    reasons: decision.reasons,
    inputs: decision.inputs,
    thresholds: decision.thresholds as unknown as Record<string, unknown>,
    expected: decision.expected,
    ruleVersion: decision.ruleVersion,
    mode,
    requiresApproval: decision.requiresApproval,
    status: initialStatus(decision),
    decidedBy: 'autopilot',
    createdAt: new Date(now),
  };
}

export type StoredDecision = typeof autopilotDecisions.$inferSelect;

/**
 * Inserts the decisions not stored yet (by key) with their audit entries; returns only the new
 * ones. The audit entry rides on the insert (`onlyIfChanged`), so a repeat run audits nothing.
 */
export async function storeDecisions(
  db: Db,
  decisions: AutopilotDecision[],
  mode: AutopilotMode,
  now: number,
): Promise<StoredDecision[]> {
  const fresh: StoredDecision[] = [];
  for (let i = 0; i < decisions.length; i += BATCH_DECISIONS) {
    const chunk = decisions.slice(i, i + BATCH_DECISIONS);
    const statements = chunk.flatMap((decision) => {
      const row = decisionRow(decision, mode, now);
      return [
        db.insert(autopilotDecisions).values(row).onConflictDoNothing().returning(),
        auditEntry(
          db,
          null,
          null,
          {
            orgId: decision.orgId,
            action: `autopilot.decision.${row.status}`,
            targetType: decision.entity.kind,
            targetId: decision.entity.id,
            data: {
              decisionId: row.id,
              key: decision.key,
              cycle: decision.cycle,
              verdict: decision.verdict,
              action: decision.action,
              reasons: decision.reasons,
              disposition: decision.disposition,
              requiresApproval: decision.requiresApproval,
              ruleVersion: decision.ruleVersion,
              inputs: decision.inputs,
              thresholds: decision.thresholds,
              expected: decision.expected,
            },
          },
          { onlyIfChanged: true },
        ),
      ];
    });
    const results = (await db.batch(statements as [never, ...never[]])) as unknown[];
    for (let r = 0; r < results.length; r += 2) {
      const inserted = (results[r] as StoredDecision[])[0];
      if (inserted) fresh.push(inserted);
    }
  }
  return fresh;
}

/** Sends a queued or approved decision to the ads queue; its key makes a resend harmless. */
export async function enqueueExecution(env: Env, decision: StoredDecision, createdBy?: string) {
  return enqueueJob(env, 'ads', {
    orgId: decision.orgId,
    kind: EXECUTE_DECISION_JOB,
    idempotencyKey: decision.cycleKey,
    input: { decisionId: decision.id },
    createdBy: createdBy ?? null,
  });
}

const CAP_TITLES: Record<AutopilotAlert['kind'], string> = {
  spend_cap_reached: 'Spend cap reached: every ad set is paused',
  spend_cap_near: 'Spend is near a cap',
  spend_cap_trim: 'Spend cap: the weakest ad sets were paused',
};

export async function raiseCapAlerts(
  env: Env,
  orgId: string,
  alerts: AutopilotAlert[],
  currency: string,
) {
  for (const alert of alerts) {
    const percent =
      alert.capMinor > 0 ? Math.floor((alert.spentMinor * 100) / alert.capMinor) : 100;
    await raiseAlert(env, {
      orgId,
      kind: `autopilot.${alert.kind}`,
      severity: alert.severity,
      title: CAP_TITLES[alert.kind],
      detail: `${alert.cap === 'daily_cap' ? 'Daily' : 'Weekly'} cap: ${percent}% used (${formatMoney(alert.spentMinor, currency, 'en')} of ${formatMoney(alert.capMinor, currency, 'en')}).`,
      dedupKey: alert.dedupKey,
      data: { ...alert, currency },
    });
  }
}

/** A winner the autopilot has not announced before (once per entity, ever). */
async function announceWinners(env: Env, db: Db, orgId: string, decisions: StoredDecision[]) {
  for (const d of decisions) {
    if (d.verdict !== 'winner' || d.cycle !== 'decide') continue;
    const names = await entityNames(db, orgId, d);
    await raiseAlert(env, {
      orgId,
      kind: 'autopilot.new_winner',
      severity: 'info',
      title: `New winner: ${names.entity}`,
      detail: `In campaign ${names.campaign}: meets every target (ROAS, CTR, CVR and CPA).`,
      dedupKey: `new_winner:${d.entityKind}:${d.entityId}`,
      data: {
        decisionId: d.id,
        entityKind: d.entityKind,
        entityId: d.entityId,
        entityName: names.entity,
        campaignId: d.campaignId,
        campaignName: names.campaign,
      },
    });
  }
}

export async function entityNames(
  db: Db,
  orgId: string,
  d: Pick<StoredDecision, 'campaignId' | 'adSetId' | 'entityKind' | 'entityId'>,
) {
  const scope = orgScope(orgId);
  const [campaign, adSet] = await Promise.all([
    db
      .select({ name: adCampaigns.name })
      .from(adCampaigns)
      .where(scope.where(adCampaigns, eq(adCampaigns.id, d.campaignId)))
      .get(),
    db
      .select({ name: adSets.name })
      .from(adSets)
      .where(scope.where(adSets, eq(adSets.id, d.adSetId)))
      .get(),
  ]);
  const campaignName = campaign?.name ?? d.campaignId;
  const adSetName = adSet?.name ?? d.adSetId;
  return {
    campaign: campaignName,
    entity: d.entityKind === 'ad_set' ? adSetName : `ad ${d.entityId.slice(0, 8)} in ${adSetName}`,
  };
}

export interface CycleOutcome {
  decisions: number;
  stored: number;
  queued: number;
  proposed: number;
  expired: number;
  alerts: number;
}

/** Runs one org's cycle of `cycle` kind at `now` (see the module comment). */
export async function runAutopilotCycle(
  env: Env,
  orgId: string,
  cycle: CycleKind,
  now: number,
): Promise<CycleOutcome> {
  const db = database(env.DB);
  const context = await orgAutopilotContext(db, orgId);
  const input = await readCycleInput(db, orgId, now, context);
  const output = cycle === 'decide' ? decideCycle(input) : enforceSpendCaps(input);
  const window = cycleWindow(cycle, now);
  const expired = await db
    .update(autopilotDecisions)
    .set({ status: 'expired' })
    .where(
      orgScope(orgId).where(
        autopilotDecisions,
        and(
          eq(autopilotDecisions.cycle, cycle),
          eq(autopilotDecisions.status, 'proposed'),
          lt(autopilotDecisions.windowStart, new Date(window.start)),
        ),
      ),
    )
    .returning({
      id: autopilotDecisions.id,
      orgId: autopilotDecisions.orgId,
      campaignId: autopilotDecisions.campaignId,
    });
  for (const gone of expired) await settleMirroredProposal(env, gone, 'expired', null);
  const stored = await storeDecisions(db, output.decisions, context.settings.mode, now);
  let queued = 0;
  let proposed = 0;
  for (const decision of stored) {
    if (decision.status === 'queued') {
      await enqueueExecution(env, decision);
      queued++;
    } else if (decision.status === 'proposed') {
      const names = await entityNames(db, orgId, decision);
      await mirrorProposal(env, decision, names.entity, context.settings.currency);
      proposed++;
    }
  }
  await raiseCapAlerts(env, orgId, output.alerts, context.settings.currency);
  await announceWinners(env, db, orgId, stored);
  if (stored.length || expired.length) {
    await publishToOrg(env, orgId, {
      type: 'autopilot.decisions',
      cycle,
      windowStart: new Date(window.start).toISOString(),
      stored: stored.length,
      queued,
      proposed,
      expired: expired.length,
    });
  }
  return {
    decisions: output.decisions.length,
    stored: stored.length,
    queued,
    proposed,
    expired: expired.length,
    alerts: output.alerts.length,
  };
}
