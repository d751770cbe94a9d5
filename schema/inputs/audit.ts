/**
 * @module The audit log's actions as stable codes, shared with the web (no table here, so the
 * browser bundle stays free of drizzle).
 */
import type { DecisionStatus } from '../../domain/autopilot/decision.ts';

/** One audit action per autopilot decision status (the compiler checks none is missing). */
const DECISION_ACTIONS = {
  recorded: true,
  dry_run: true,
  proposed: true,
  approved: true,
  rejected: true,
  queued: true,
  executed: true,
  failed: true,
  expired: true,
} satisfies Record<DecisionStatus, true>;

/**
 * Every action the log records, as a stable code: the web words each one in the reader's
 * language (a test checks every code has its words), so adding an action is adding it here.
 */
export const AUDIT_ACTIONS = [
  'org.created',
  'org.updated',
  'member.role_changed',
  'member.removed',
  'member.left',
  'member.seeded',
  'invitation.created',
  'invitation.revoked',
  'invitation.accepted',
  'api_key.created',
  'api_key.revoked',
  'alert.read',
  'billing.checkout_started',
  'billing.details_changed',
  'credits.adjusted',
  'credits.settings_changed',
  'board.created',
  'board.updated',
  'board.deleted',
  'board.stage.created',
  'board.stage.updated',
  'board.stage.deleted',
  'board.intake_settings.updated',
  'board.capture.enabled',
  'board.capture.disabled',
  'board.capture_secret.rotated',
  'lead.created',
  'lead.updated',
  'lead.moved',
  'lead.merged',
  'lead.deleted',
  'lead.note_added',
  'lead.captured',
  'lead.captured.merged',
  'lead_import.uploaded',
  'lead_import.started',
  'studio.generation.requested',
  'studio.generation.deleted',
  'studio.generation.favorited',
  'studio.generation.unfavorited',
  'studio.settings.updated',
  'studio.template.created',
  'studio.template.updated',
  'studio.template.deleted',
  'product.created',
  'product.imported',
  'product.updated',
  'product.judged',
  'product.approved',
  'product.rejected',
  'product.deleted',
  'creative.created',
  'creative.updated',
  'creative.deleted',
  'campaign.created',
  'campaign.draft_replaced',
  'campaign.publish_requested',
  'campaign.deleted',
  'ads.platforms.updated',
  'ads.viability_settings.updated',
  'autopilot.settings.updated',
  ...(Object.keys(DECISION_ACTIONS) as DecisionStatus[]).map(
    (status) => `autopilot.decision.${status}` as const,
  ),
  'conversions.secret.rotated',
  'order.received',
  'report.daily.built',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
