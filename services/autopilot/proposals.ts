/**
 * @module Autopilot proposals shown in their campaign's room: each proposed decision is added to
 * the CampaignRoom doc's proposals list (so the team sees it live beside the draft), and settled
 * there when a person approves or rejects it or a later cycle lets it expire.
 *
 * D1 stays the truth (approval goes through the decisions API, which checks the caps); the room
 * is a live mirror, so a room that cannot be reached is logged and never fails the cycle. The
 * proposal's id is the decision's id, the one the approve and reject routes take.
 */
import type { Proposal, ProposalStatus } from '../../domain/ads/campaign-doc.ts';
import { formatMoney } from '../../domain/money.ts';
import type { Env } from '../../platform/env.ts';
import { log } from '../../platform/log.ts';
import { campaignRoom } from '../ads/campaigns.ts';
import type { StoredDecision } from './cycle.ts';

/**
 * What the decision would change, as a code and parameters the web words in the reader's language
 * (money as minor units with the org currency), and an English summary for API clients.
 */
export function proposalText(
  d: StoredDecision,
  entityName: string,
  currency: string,
): Pick<Proposal, 'code' | 'params' | 'summary'> {
  const { action } = d;
  const money = (minor: number) => formatMoney(minor, currency, 'en');
  const entity = { entityName };
  switch (action.type) {
    case 'set_budget':
      return {
        code: `autopilot.proposal.set_budget.${action.reason}`,
        params: { ...entity, fromMinor: action.fromMinor, toMinor: action.toMinor, currency },
        summary: `${action.reason === 'rollback' ? 'Roll back' : 'Raise'} the daily budget of ${entityName} from ${money(action.fromMinor)} to ${money(action.toMinor)}`,
      };
    case 'pause':
      return {
        code: `autopilot.proposal.pause.${action.reason}`,
        params: entity,
        summary: `Pause ${entityName} (${action.reason.replace('_', ' ')})`,
      };
    case 'resume':
      return {
        code: `autopilot.proposal.resume.${action.reason}`,
        params: entity,
        summary: `Resume ${entityName} (${action.reason === 'revive' ? 'delayed conversions lifted its ROAS' : 'the spend cap has room again'})`,
      };
    case 'request_creatives':
      return {
        code: 'autopilot.proposal.request_creatives',
        params: { ...entity, count: action.count },
        summary: `Request ${action.count} new creative${action.count === 1 ? '' : 's'} for ${entityName}`,
      };
    case 'hold':
      return {
        code: 'autopilot.proposal.hold',
        params: entity,
        summary: `Keep ${entityName} as it is`,
      };
  }
}

export async function mirrorProposal(
  env: Env,
  d: StoredDecision,
  entityName: string,
  currency: string,
) {
  try {
    const room = await campaignRoom(env, d.campaignId);
    await room.addProposal(d.orgId, {
      id: d.id,
      entityKind: d.entityKind,
      entityId: d.entityId,
      ...proposalText(d, entityName, currency),
      detail: {
        decisionId: d.id,
        action: d.action,
        verdict: d.verdict,
        reasons: d.reasons,
        expected: d.expected,
        metrics: d.inputs.metrics,
        requiresApproval: d.requiresApproval,
        ruleVersion: d.ruleVersion,
      },
      status: 'pending',
      createdAt: d.createdAt.toISOString(),
      decidedAt: null,
      decidedBy: null,
      note: null,
    });
  } catch (err) {
    log(env, 'warn', 'proposal not mirrored to its campaign room', {
      orgId: d.orgId,
      decisionId: d.id,
      error: String(err),
    });
  }
}

export async function settleMirroredProposal(
  env: Env,
  d: Pick<StoredDecision, 'id' | 'orgId' | 'campaignId'>,
  status: Exclude<ProposalStatus, 'pending'>,
  by: string | null,
) {
  try {
    const room = await campaignRoom(env, d.campaignId);
    await room.settleProposal(d.orgId, d.id, {
      status,
      by,
      note: null,
      at: new Date().toISOString(),
    });
  } catch (err) {
    log(env, 'warn', 'proposal not settled in its campaign room', {
      orgId: d.orgId,
      decisionId: d.id,
      error: String(err),
    });
  }
}
