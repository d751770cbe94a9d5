/**
 * @module Leads arriving on a board (capture, import, REST create) and the upkeep that follows
 * changes: exact duplicates merged into the lead already there, new leads given an owner and a
 * score, scores kept current when anyone edits a lead. Pure over the board's Yjs document; the
 * board's Durable Object runs it, one call at a time, which is what makes assignment fair and
 * dedup race-free.
 */
import type * as Y from 'yjs';
import { type AssignmentSettings, DEFAULT_ASSIGNMENT, pickOwner } from './assignment.ts';
import {
  addLeads,
  BoardDocError,
  type ChangeContext,
  type CustomValue,
  type Lead,
  type LeadPatch,
  leadsMap,
  type NewLead,
  readLead,
  readStages,
  updateLead,
} from './board-doc.ts';
import { type DuplicateReason, IdentityIndex } from './dedup.ts';
import type { LeadCandidate } from './import-rows.ts';
import { planMerge } from './merge.ts';
import { DEFAULT_SCORING_RULES, type ScoringRules, scoreLead } from './scoring.ts';

export interface IntakeSettings {
  scoring: ScoringRules;
  assignment: AssignmentSettings;
}

export const DEFAULT_INTAKE_SETTINGS: IntakeSettings = {
  scoring: DEFAULT_SCORING_RULES,
  assignment: DEFAULT_ASSIGNMENT,
};

export interface IntakeCandidate {
  /**
   * A stable id for this arrival (e.g. derived from import id + row): when a lead with this id is
   * already on the board the arrival was handled before, and a retry changes nothing.
   */
  id?: string;
  lead: LeadCandidate;
}

export type IntakeOutcome =
  | { status: 'created'; leadId: string; ownerId: string | null; score: number; replay: boolean }
  | { status: 'merged'; leadId: string; reason: DuplicateReason; filled: string[] };

export interface IntakeResult {
  outcomes: IntakeOutcome[];
  /** Who got the last assigned lead: the round-robin cursor to keep for the next call. */
  lastAssigned: string | null;
}

/** The origin of score writes, so the rescoring observer does not react to its own changes. */
export const SCORING_ORIGIN = 'lead-intake:scoring';

const toNewLead = (lead: LeadCandidate, stageId: string): NewLead => ({
  name: lead.name,
  stageId,
  ...(lead.company !== undefined && { company: lead.company }),
  ...(lead.email !== undefined && { email: lead.email }),
  ...(lead.phone !== undefined && { phone: lead.phone }),
  ...(lead.value !== undefined && { value: lead.value }),
  ...(lead.source !== undefined && { source: lead.source }),
  ...(lead.tags !== undefined && { tags: lead.tags }),
  ...(lead.notes !== undefined && { notes: lead.notes }),
  ...(lead.custom !== undefined && { custom: lead.custom }),
  ...(lead.ownerId !== undefined && { ownerId: lead.ownerId }),
});

/** A lead not yet written, seen as the `Lead` a merge plan and the scoring rules expect. */
function pendingLead(id: string, fields: NewLead, now: string): Lead {
  return {
    id,
    stageId: fields.stageId,
    rank: '',
    name: fields.name,
    company: fields.company ?? '',
    email: fields.email ?? '',
    phone: fields.phone ?? '',
    value: fields.value ?? 0,
    currency: fields.currency ?? '',
    source: fields.source ?? '',
    ownerId: fields.ownerId ?? null,
    tags: fields.tags ?? [],
    score: 0,
    nextActivityAt: fields.nextActivityAt ?? null,
    custom: Object.fromEntries(
      Object.entries(fields.custom ?? {}).filter((e): e is [string, CustomValue] => e[1] !== null),
    ),
    notes: fields.notes ?? '',
    lostReason: fields.lostReason ?? '',
    createdAt: now,
    stageEnteredAt: now,
    updatedAt: now,
  };
}

function withPatch(lead: Lead, patch: LeadPatch): Lead {
  const { custom, ...rest } = patch;
  const merged = { ...lead.custom };
  for (const [key, value] of Object.entries(custom ?? {}))
    if (value === null) delete merged[key];
    else merged[key] = value;
  return { ...lead, ...rest, custom: merged };
}

const asNewLead = (lead: Lead): NewLead => ({
  name: lead.name,
  stageId: lead.stageId,
  company: lead.company,
  email: lead.email,
  phone: lead.phone,
  value: lead.value,
  ...(lead.currency && { currency: lead.currency }),
  source: lead.source,
  ownerId: lead.ownerId,
  tags: lead.tags,
  notes: lead.notes,
  custom: lead.custom,
  score: lead.score,
});

/**
 * Open leads per owner: leads in stages won (probability 100) are done and count towards nobody's
 * load. Reads the document's records directly, so it stays cheap on a 10,000-lead board.
 */
export function openLeadCounts(doc: Y.Doc): Map<string, number> {
  const won = new Set(
    readStages(doc)
      .filter((s) => s.probability >= 100)
      .map((s) => s.id),
  );
  const counts = new Map<string, number>();
  leadsMap(doc).forEach((record) => {
    const ownerId = record.get('ownerId');
    if (typeof ownerId === 'string' && ownerId && !won.has(record.get('stageId') as string))
      counts.set(ownerId, (counts.get(ownerId) ?? 0) + 1);
  });
  return counts;
}

/**
 * Brings candidates onto the board in one Yjs transaction: each is merged into the lead it
 * duplicates exactly (on the board or earlier in the same call), or created at the end of its
 * stage (the first stage if none) with an owner and a score.
 */
export function intakeLeads(
  doc: Y.Doc,
  candidates: readonly IntakeCandidate[],
  settings: IntakeSettings,
  lastAssigned: string | null,
  change: ChangeContext & { now: string },
): IntakeResult {
  const stages = readStages(doc);
  const firstStage = stages[0];
  const stageIds = new Set(stages.map((s) => s.id));
  const records = leadsMap(doc);
  const index = new IdentityIndex();
  records.forEach((record, id) => {
    index.add({ id, email: record.get('email') as string, phone: record.get('phone') as string });
  });
  const loads = openLeadCounts(doc);
  const read = new Map<string, Lead>();
  const onBoard = (id: string): Lead | undefined => {
    if (!read.has(id)) {
      const lead = records.has(id) ? readLead(doc, id) : null;
      if (lead) read.set(id, lead);
    }
    return read.get(id);
  };
  /** Leads created by this call, in order, as they will be written. */
  const created = new Map<string, Lead>();
  /** Leads already on the board that this call merges into: their patch so far. */
  const patches = new Map<string, LeadPatch>();
  const outcomes: IntakeOutcome[] = [];
  let cursor = lastAssigned;
  const now = new Date(change.now);
  const current = (id: string): Lead =>
    created.get(id) ?? withPatch(onBoard(id)!, patches.get(id) ?? {});

  for (const candidate of candidates) {
    const replayed = candidate.id ? onBoard(candidate.id) : undefined;
    if (replayed) {
      outcomes.push({
        status: 'created',
        leadId: replayed.id,
        ownerId: replayed.ownerId,
        score: replayed.score,
        replay: true,
      });
      continue;
    }
    const duplicate = index.find(candidate.lead);
    if (duplicate) {
      const survivor = current(duplicate.leadId);
      const { patch, filled } = planMerge(survivor, candidate.lead);
      if (created.has(survivor.id)) created.set(survivor.id, withPatch(survivor, patch));
      else patches.set(survivor.id, { ...patches.get(survivor.id), ...patch });
      // The survivor now also answers to the candidate's phone and e-mail.
      index.add({ id: survivor.id, email: candidate.lead.email, phone: candidate.lead.phone });
      outcomes.push({ status: 'merged', leadId: survivor.id, reason: duplicate.reason, filled });
      continue;
    }
    const stageId = candidate.lead.stageId ?? firstStage?.id;
    if (!stageId)
      throw new BoardDocError('stage_not_found', 'stageId', 'The board has no stages yet.');
    if (!stageIds.has(stageId))
      throw new BoardDocError('stage_not_found', 'stageId', `No stage ${stageId} on this board.`);
    const id = candidate.id ?? crypto.randomUUID();
    let ownerId = candidate.lead.ownerId ?? null;
    if (!ownerId) {
      ownerId = pickOwner(settings.assignment, cursor, loads);
      if (ownerId) cursor = ownerId;
    }
    if (ownerId) loads.set(ownerId, (loads.get(ownerId) ?? 0) + 1);
    created.set(
      id,
      pendingLead(
        id,
        toNewLead({ ...candidate.lead, ownerId: ownerId ?? undefined }, stageId),
        change.now,
      ),
    );
    index.add({ id, email: candidate.lead.email, phone: candidate.lead.phone });
    outcomes.push({ status: 'created', leadId: id, ownerId, score: 0, replay: false });
  }

  const scored = (lead: Lead) => ({ ...lead, score: scoreLead(lead, settings.scoring, now).score });
  const toCreate = [...created.values()].map(scored);
  doc.transact(() => {
    for (const [id, patch] of patches) {
      const { score } = scored({ ...current(id), updatedAt: change.now });
      updateLead(doc, id, { ...patch, score }, change);
    }
    if (toCreate.length)
      addLeads(
        doc,
        toCreate.map((lead) => ({ id: lead.id, fields: asNewLead(lead) })),
        change,
      );
  }, change.origin);

  const scores = new Map(toCreate.map((lead) => [lead.id, lead.score]));
  for (const outcome of outcomes)
    if (outcome.status === 'created' && !outcome.replay)
      outcome.score = scores.get(outcome.leadId)!;
  return { outcomes, lastAssigned: cursor };
}

/** Ids of the leads a transaction touched (their record, tags, custom fields or notes). */
/** Any shared type, as `transaction.changed` keys them. */
type SharedType = Y.Transaction['changed'] extends Map<infer T, unknown> ? T : never;

export function changedLeadIds(doc: Y.Doc, transaction: Y.Transaction): Set<string> {
  const leads = leadsMap(doc) as unknown as SharedType;
  const ids = new Set<string>();
  for (const [type, keys] of transaction.changed) {
    if (type === leads) {
      for (const key of keys) if (key && leadsMap(doc).has(key)) ids.add(key);
      continue;
    }
    // Walk up from a nested type (tags, custom, notes) to the lead record under `leads`.
    let record = type;
    while (record._item && record._item.parent !== leads)
      record = record._item.parent as SharedType;
    const leadId = record._item?.parentSub;
    if (!leadId) continue;
    // A change to nothing but the score needs no rescoring.
    if (record === type && keys.size === 1 && keys.has('score')) continue;
    ids.add(leadId);
  }
  return ids;
}

/** Recomputes the scores of the given leads; writes only those that differ. Returns how many. */
export function rescoreLeads(
  doc: Y.Doc,
  ids: Iterable<string>,
  rules: ScoringRules,
  now: Date,
): number {
  const updates: [string, number][] = [];
  for (const id of ids) {
    const lead = readLead(doc, id);
    if (!lead) continue;
    const { score } = scoreLead(lead, rules, now);
    if (score !== lead.score) updates.push([id, score]);
  }
  if (!updates.length) return 0;
  doc.transact(() => {
    // The score is derived, so writing it leaves `updatedAt` (the last human change) alone.
    for (const [id, score] of updates) leadsMap(doc).get(id)?.set('score', score);
  }, SCORING_ORIGIN);
  return updates.length;
}
