/**
 * @module Every live event an org's open tabs receive through its OrgHub room, as one union: the
 * server publishes only these shapes (platform/live-events.ts) and the web narrows on `type`
 * (web/src/lib/live-events.ts), so a renamed field fails to compile on both sides at once.
 */

import type { CampaignStatus } from './ads/vocabulary.ts';
import type { DecisionStatus } from './autopilot/decision.ts';
import type { LeadTimelineEvent } from './pipeline/timeline-event.ts';

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';
export type AlertSeverity = 'info' | 'warning' | 'critical';

export interface AlertView {
  id: string;
  kind: string;
  severity: AlertSeverity;
  title: string;
  detail: string | null;
  data: Record<string, unknown> | null;
}

export type OrgEvent =
  | { type: 'alert'; alert: AlertView }
  | {
      type: 'job';
      jobId: string;
      kind: string;
      status: JobStatus;
      progress: number | null;
      error?: string | null;
    }
  | {
      type: 'lead_import';
      importId: string;
      boardId: string;
      processedRows: number;
      totalRows: number;
      imported: number;
      merged: number;
      rejected: number;
    }
  | { type: 'credits.balance'; balance: number; held: number; available: number }
  | { type: 'billing.checkout'; checkoutId: string; status: 'paid' | 'pending' | 'failed' }
  | {
      type: 'autopilot.decisions';
      cycle: string;
      windowStart: string;
      stored: number;
      queued: number;
      proposed: number;
      expired: number;
    }
  | {
      type: 'autopilot.decision';
      id: string;
      status: DecisionStatus;
      entityKind: string;
      entityId: string;
      campaignId: string | null;
    }
  | { type: 'campaign'; campaignId: string; status: CampaignStatus; error?: string }
  | {
      type: 'studio.text';
      generationId: string;
      attempt: number;
      seq: number;
      delta: string;
    }
  | LeadTimelineEvent;

/** As a tab receives it: the hub stamps when it sent the event. */
export type ReceivedOrgEvent = OrgEvent & { at?: string };
