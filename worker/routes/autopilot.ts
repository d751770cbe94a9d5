/**
 * @module The autopilot: its decisions (each with the metrics snapshot, thresholds, rule version
 * and expected result it was made on), approving or rejecting proposals, and its settings.
 */

import { desc, eq, lt } from 'drizzle-orm';
import {
  AUTOPILOT_RULE_VERSION,
  type AutopilotSettingsOverrides,
  autopilotSettings,
} from '../../domain/autopilot/settings.ts';
import { auditEntry } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import { page } from '../../platform/pagination.ts';
import { memberId } from '../../platform/principal.ts';
import { invalid, notFound } from '../../platform/problem.ts';
import { adsSettings } from '../../schema/ads.ts';
import { autopilotDecisions } from '../../schema/autopilot.ts';
import { AutopilotSettingsInput, DecisionListQuery } from '../../schema/inputs/autopilot.ts';
import { IdParams } from '../../schema/inputs/common.ts';
import { AutopilotSettings, Decision, Decisions } from '../../schema/outputs/ads.ts';
import type { StoredDecision } from '../../services/autopilot/cycle.ts';
import { reviewDecision } from '../../services/autopilot/execution.ts';
import { orgAutopilotContext } from '../../services/autopilot/load-inputs.ts';
import { Routes } from '../router.ts';

/** A decision as the API shows it (the org id is implied by the caller). */
function decisionView(d: StoredDecision) {
  const { orgId: _org, cycleKey, ...rest } = d;
  return { ...rest, key: cycleKey };
}

async function storedOverrides(db: Db, orgId: string): Promise<AutopilotSettingsOverrides> {
  const row = await db
    .select({ autopilot: adsSettings.autopilot })
    .from(adsSettings)
    .where(eq(adsSettings.orgId, orgId))
    .get();
  return row?.autopilot ?? {};
}

async function settingsView(db: Db, orgId: string) {
  const { settings, timeZone } = await orgAutopilotContext(db, orgId);
  return { ...settings, timeZone, ruleVersion: AUTOPILOT_RULE_VERSION };
}

const review = (verdict: 'approved' | 'rejected') =>
  ({
    summary:
      verdict === 'approved'
        ? 'Approve a proposal: it is queued for execution (a spend raise is re-checked against the caps)'
        : 'Reject a proposal: nothing is sent',
    auth: 'autopilot:approve',
    params: IdParams,
    responses: {
      200: { description: 'The decision after review.', schema: Decision },
      404: 'No such decision.',
      409: 'Not waiting for approval, from an earlier cycle, or no longer fits the caps.',
    },
  }) as const;

export const autopilotRoutes = new Routes('Autopilot')
  .get(
    '/autopilot/decisions',
    {
      summary:
        'Decisions, newest first (cursor pagination; filter by status, campaign, entity, action)',
      auth: 'ads:read',
      query: DecisionListQuery,
      responses: { 200: { description: 'A page of decisions.', schema: Decisions } },
    },
    async ({ c, db, org, query }) => {
      const rows = await db
        .select()
        .from(autopilotDecisions)
        .where(
          org.where(
            autopilotDecisions,
            query.cursor ? lt(autopilotDecisions.id, query.cursor) : undefined,
            query.status ? eq(autopilotDecisions.status, query.status) : undefined,
            query.campaignId ? eq(autopilotDecisions.campaignId, query.campaignId) : undefined,
            query.entityId ? eq(autopilotDecisions.entityId, query.entityId) : undefined,
            query.action ? eq(autopilotDecisions.actionType, query.action) : undefined,
          ),
        )
        .orderBy(desc(autopilotDecisions.id))
        .limit(query.limit + 1);
      const result = page(rows, query.limit);
      return c.json({ ...result, items: result.items.map(decisionView) });
    },
  )
  .get(
    '/autopilot/decisions/:id',
    {
      summary: 'One decision with its justification',
      auth: 'ads:read',
      params: IdParams,
      responses: {
        200: { description: 'The decision.', schema: Decision },
        404: 'No such decision.',
      },
    },
    async ({ c, db, org, params }) => {
      const row = await db
        .select()
        .from(autopilotDecisions)
        .where(org.where(autopilotDecisions, eq(autopilotDecisions.id, params.id)))
        .get();
      if (!row) throw notFound('Decision');
      return c.json(decisionView(row));
    },
  )
  .post(
    '/autopilot/decisions/:id/approve',
    review('approved'),
    async ({ c, env, db, who, params }) =>
      c.json(decisionView(await reviewDecision(env, db, c, who, params.id, 'approved'))),
  )
  .post(
    '/autopilot/decisions/:id/reject',
    review('rejected'),
    async ({ c, env, db, who, params }) =>
      c.json(decisionView(await reviewDecision(env, db, c, who, params.id, 'rejected'))),
  )
  .get(
    '/autopilot/settings',
    {
      summary:
        'The autopilot settings in effect (defaults with the org’s changes), its rule version',
      auth: 'ads:read',
      responses: {
        200: {
          description: 'The settings.',
          schema: AutopilotSettings,
        },
      },
    },
    async ({ c, db, org }) => c.json(await settingsView(db, org.orgId)),
  )
  .patch(
    '/autopilot/settings',
    {
      summary: 'Change the mode, targets, minimum data, spend caps or approval threshold',
      description:
        'Money in minor units of the org currency; ROAS as a percent (150 = 1.5×), CTR and CVR in ' +
        'basis points (150 = 1.5%). Groups merge into what is stored.',
      auth: 'ads:manage',
      body: AutopilotSettingsInput,
      responses: {
        200: { description: 'The settings after the change.', schema: AutopilotSettings },
      },
    },
    async ({ c, db, org, who, body }) => {
      const stored = await storedOverrides(db, org.orgId);
      const next: AutopilotSettingsOverrides = {
        ...stored,
        ...(body.mode ? { mode: body.mode } : {}),
        ...(body.targets ? { targets: { ...stored.targets, ...body.targets } } : {}),
        ...(body.caps ? { caps: { ...stored.caps, ...body.caps } } : {}),
        ...(body.approvalThresholdMinor !== undefined
          ? { approvalThresholdMinor: body.approvalThresholdMinor }
          : {}),
        ...(body.minimumData
          ? {
              minimumData: {
                ad: { ...stored.minimumData?.ad, ...body.minimumData.ad },
                adSet: { ...stored.minimumData?.adSet, ...body.minimumData.adSet },
              },
            }
          : {}),
      };
      const effective = autopilotSettings(next);
      if (effective.caps.weeklyMinor < effective.caps.dailyMinor)
        throw invalid([
          { path: 'caps.weeklyMinor', message: 'The weekly cap must be at least the daily cap.' },
        ]);
      if (effective.caps.dailyMinor <= 0)
        throw invalid([{ path: 'caps.dailyMinor', message: 'The daily cap must be above zero.' }]);
      const now = new Date();
      await db.batch([
        db
          .insert(adsSettings)
          .values({
            orgId: org.orgId,
            autopilot: next,
            updatedBy: memberId(who),
            updatedAt: now,
          })
          .onConflictDoUpdate({
            target: adsSettings.orgId,
            set: {
              autopilot: next,
              updatedBy: memberId(who),
              updatedAt: now,
            },
          }),
        auditEntry(db, c, who, {
          orgId: org.orgId,
          action: 'autopilot.settings.updated',
          targetType: 'autopilot_settings',
          targetId: org.orgId,
          data: { change: body, before: stored },
        }),
      ]);
      return c.json(await settingsView(db, org.orgId));
    },
  );
