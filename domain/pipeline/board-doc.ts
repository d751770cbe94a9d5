/**
 * @module The PipelineBoard Yjs document: its shape, plain-object reads and every mutation.
 * Pure TypeScript over `yjs` (no Workers APIs), shared by the board's Durable Object, the REST
 * routes (through the DO) and the web Kanban. Contract: BOARD-DOC.md in the team's briefs.
 *
 * Card order is a fractional `rank` per lead (ties broken by lead id), not a per-stage array: a
 * move writes only the moved card's `stageId` and `rank`, so two people moving cards at once can
 * never duplicate or lose one. Every mutation is one `doc.transact(fn, origin)` so observers (the
 * room's timeline, undo managers) can attribute it.
 */
import * as Y from 'yjs';
import { newId } from '../ids.ts';
import { FIRST_RANK, isRank, rankBetween, ranksBetween } from './rank.ts';

export type CustomValue = string | number | boolean;

export interface BoardInfo {
  name: string;
  /** ISO 4217, e.g. BRL. */
  currency: string;
}

/** A stage that closes a deal: won, or lost (its leads carry a loss reason). */
export type StageOutcome = 'won' | 'lost';
export const STAGE_OUTCOMES: readonly StageOutcome[] = ['won', 'lost'];

export interface StageFields {
  name: string;
  color: string;
  /** Chance of winning a lead in this stage, 0-100. */
  probability: number;
  wipLimit: number | null;
  /** A lead idle longer than this many days is "rotting". */
  rottingDays: number | null;
  /** Null for stages still in play. */
  outcome: StageOutcome | null;
}

export interface Stage extends StageFields {
  id: string;
  rank: string;
}

export interface LeadFields {
  name: string;
  company: string;
  email: string;
  phone: string;
  /** Integer minor units of `currency`. */
  value: number;
  currency: string;
  source: string;
  ownerId: string | null;
  tags: string[];
  /** 0-100. */
  score: number;
  nextActivityAt: string | null;
  custom: Record<string, CustomValue>;
  notes: string;
  /** Why the deal was lost; asked for when the lead enters a `lost` stage, kept if it leaves. */
  lostReason: string;
}

export interface Lead extends LeadFields {
  id: string;
  stageId: string;
  rank: string;
  createdAt: string;
  stageEnteredAt: string;
  updatedAt: string;
}

/** Fields to change; in `custom`, `null` removes a key. */
export type LeadPatch = Partial<Omit<LeadFields, 'custom'>> & {
  custom?: Record<string, CustomValue | null>;
};

export type NewLead = LeadPatch & { name: string; stageId: string };

export interface BoardSnapshot {
  board: BoardInfo;
  /** In board order. */
  stages: Stage[];
  /** Grouped by stage in board order, each stage's cards in card order. */
  leads: Lead[];
}

/** Who made a change (Yjs transaction origin) and when; `now` defaults to the clock. */
export interface ChangeContext {
  origin?: unknown;
  now?: string;
}

export type BoardDocErrorCode =
  | 'stage_not_found'
  | 'lead_not_found'
  | 'index_out_of_range'
  | 'stage_not_empty'
  | 'same_stage';

/** A refused mutation; `field` names the input at fault so the API can answer problem+json. */
export class BoardDocError extends Error {
  readonly code: BoardDocErrorCode;
  readonly field: string;
  constructor(code: BoardDocErrorCode, field: string, message: string) {
    super(message);
    this.name = 'BoardDocError';
    this.code = code;
    this.field = field;
  }
}

type YRecord = Y.Map<unknown>;

const DEFAULT_CURRENCY = 'BRL';
const STAGE_DEFAULTS: StageFields = {
  name: '',
  color: '#64748b',
  probability: 0,
  wipLimit: null,
  rottingDays: null,
  outcome: null,
};

export function boardMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap('board');
}

export function stagesMap(doc: Y.Doc): Y.Map<YRecord> {
  return doc.getMap('stages');
}

export function leadsMap(doc: Y.Doc): Y.Map<YRecord> {
  return doc.getMap('leads');
}

// ---------------------------------------------------------------- reads

export function readBoardInfo(doc: Y.Doc): BoardInfo {
  const board = boardMap(doc);
  return {
    name: text(board.get('name')),
    currency: text(board.get('currency')) || DEFAULT_CURRENCY,
  };
}

/** The whole board as plain objects, sorted for display. */
export function readBoard(doc: Y.Doc): BoardSnapshot {
  const stages = readStages(doc);
  const order = new Map(stages.map((stage, i) => [stage.id, i]));
  const leads = readLeads(doc, stages).sort(
    (a, b) => (order.get(a.stageId) ?? 0) - (order.get(b.stageId) ?? 0) || compareRanked(a, b),
  );
  return { board: readBoardInfo(doc), stages, leads };
}

/** Stages in board order. */
export function readStages(doc: Y.Doc): Stage[] {
  const stages: Stage[] = [];
  stagesMap(doc).forEach((record, id) => {
    if (record instanceof Y.Map) stages.push(toStage(id, record));
  });
  return stages.sort(compareRanked);
}

export function readStage(doc: Y.Doc, id: string): Stage | null {
  const record = stagesMap(doc).get(id);
  return record instanceof Y.Map ? toStage(id, record) : null;
}

export function readLead(doc: Y.Doc, id: string): Lead | null {
  const record = leadsMap(doc).get(id);
  if (!(record instanceof Y.Map)) return null;
  return toLead(id, record, effectiveStage(readStages(doc)));
}

/** The cards of one stage in card order. */
export function stageLeads(doc: Y.Doc, stageId: string): Lead[] {
  return readLeads(doc, readStages(doc))
    .filter((lead) => lead.stageId === stageId)
    .sort(compareRanked);
}

/**
 * The cards of one stage as `{id, rank}` in card order: what placing a card needs, without reading
 * every field of every lead (boards hold 10,000 leads).
 */
export function stageRanks(doc: Y.Doc, stageId: string): { id: string; rank: string }[] {
  const stageOf = effectiveStage(readStages(doc));
  const ranked: { id: string; rank: string }[] = [];
  leadsMap(doc).forEach((record, id) => {
    if (record instanceof Y.Map && stageOf(text(record.get('stageId'))) === stageId) {
      ranked.push({ id, rank: rankOf(record) });
    }
  });
  return ranked.sort(compareRanked);
}

/** Leads whose stage was removed concurrently; `repairOrphanLeads` re-homes them. */
export function orphanLeadIds(doc: Y.Doc): string[] {
  const stages = stagesMap(doc);
  const orphans: string[] = [];
  leadsMap(doc).forEach((record, id) => {
    if (record instanceof Y.Map && !stages.has(text(record.get('stageId')))) orphans.push(id);
  });
  return orphans;
}

// ---------------------------------------------------------------- board and stages

export function updateBoard(doc: Y.Doc, patch: Partial<BoardInfo>, change: ChangeContext = {}) {
  doc.transact(() => {
    const board = boardMap(doc);
    if (patch.name !== undefined) board.set('name', patch.name);
    if (patch.currency !== undefined) board.set('currency', patch.currency);
  }, change.origin);
}

/** Adds a stage at `index` in board order (default: last) and returns its id. */
export function addStage(
  doc: Y.Doc,
  fields: Partial<StageFields> & { name: string },
  options: { id?: string; index?: number } = {},
  change: ChangeContext = {},
): string {
  const id = options.id ?? newId();
  const stages = readStages(doc);
  const index = options.index ?? stages.length;
  checkIndex(index, stages.length);
  doc.transact(() => {
    const record = new Y.Map<unknown>();
    stagesMap(doc).set(id, record);
    record.set(
      'rank',
      placeAmong(stages, index, (other, rank) => setRank(doc, 'stage', other, rank)),
    );
    writeStageFields(record, { ...STAGE_DEFAULTS, ...fields });
  }, change.origin);
  return id;
}

export function updateStage(
  doc: Y.Doc,
  id: string,
  patch: Partial<StageFields>,
  change: ChangeContext = {},
) {
  const record = requireStage(doc, id, 'id');
  doc.transact(() => writeStageFields(record, patch), change.origin);
}

/** Moves a stage to `index` in board order (counted without the stage itself). */
export function moveStage(doc: Y.Doc, id: string, index: number, change: ChangeContext = {}) {
  const record = requireStage(doc, id, 'id');
  const others = readStages(doc).filter((stage) => stage.id !== id);
  checkIndex(index, others.length);
  doc.transact(() => {
    record.set(
      'rank',
      placeAmong(others, index, (other, rank) => setRank(doc, 'stage', other, rank)),
    );
  }, change.origin);
}

/**
 * Removes a stage. Its cards, if any, go to the end of `targetStageId` in their order; a stage
 * with cards and no target is refused, so no lead is ever dropped with its column.
 */
export function removeStage(
  doc: Y.Doc,
  id: string,
  targetStageId: string | null,
  change: ChangeContext = {},
) {
  requireStage(doc, id, 'id');
  const cards = stageLeads(doc, id);
  if (cards.length > 0 && !targetStageId) {
    throw new BoardDocError(
      'stage_not_empty',
      'targetStageId',
      'the stage has leads: name a target stage for them',
    );
  }
  if (targetStageId === id) {
    throw new BoardDocError(
      'same_stage',
      'targetStageId',
      'the target stage is the stage being removed',
    );
  }
  if (targetStageId) requireStage(doc, targetStageId, 'targetStageId');
  const now = change.now ?? new Date().toISOString();
  doc.transact(() => {
    if (targetStageId && cards.length > 0) {
      const last = stageLeads(doc, targetStageId).at(-1)?.rank ?? null;
      const ranks = ranksBetween(last, null, cards.length);
      cards.forEach((card, i) => {
        const record = leadsMap(doc).get(card.id)!;
        record.set('stageId', targetStageId);
        record.set('rank', ranks[i]!);
        record.set('stageEnteredAt', now);
        record.set('updatedAt', now);
      });
    }
    stagesMap(doc).delete(id);
  }, change.origin);
}

// ---------------------------------------------------------------- leads

/** Adds a lead at `index` in its stage (default: last) and returns its id. */
export function addLead(
  doc: Y.Doc,
  fields: NewLead,
  options: { id?: string; index?: number } = {},
  change: ChangeContext = {},
): string {
  return addLeads(doc, [{ fields, id: options.id }], change, { index: options.index })[0]!;
}

/**
 * Adds many leads in one transaction (imports): each stage's cards are read once, so 10,000 leads
 * cost one pass, not one pass each. They go, in input order, to the end of their stage, or to
 * `options.index` of it. Returns the ids in input order.
 */
export function addLeads(
  doc: Y.Doc,
  items: { fields: NewLead; id?: string }[],
  change: ChangeContext = {},
  options: { index?: number } = {},
): string[] {
  const byStage = new Map<string, { id: string; rank: string }[]>();
  for (const { fields } of items) {
    if (byStage.has(fields.stageId)) continue;
    requireStage(doc, fields.stageId, 'stageId');
    const siblings = stageRanks(doc, fields.stageId);
    checkIndex(options.index ?? siblings.length, siblings.length);
    byStage.set(fields.stageId, siblings);
  }
  const now = change.now ?? new Date().toISOString();
  const boardCurrency = readBoardInfo(doc).currency;
  const ids = items.map((item) => item.id ?? newId());
  doc.transact(() => {
    const cursor = new Map<string, number>();
    items.forEach(({ fields }, i) => {
      const id = ids[i]!;
      const siblings = byStage.get(fields.stageId)!;
      const index = cursor.get(fields.stageId) ?? options.index ?? siblings.length;
      const rank = placeAmong(siblings, index, (other, rank) => {
        setRank(doc, 'lead', other, rank);
        const sibling = siblings.find((s) => s.id === other);
        if (sibling) sibling.rank = rank;
      });
      // The next lead of this stage goes right after this one.
      siblings.splice(index, 0, { id, rank });
      cursor.set(fields.stageId, index + 1);
      writeNewLead(doc, id, rank, { ...fields, currency: fields.currency ?? boardCurrency }, now);
    });
  }, change.origin);
  return ids;
}

function writeNewLead(doc: Y.Doc, id: string, rank: string, fields: NewLead, now: string) {
  const record = new Y.Map<unknown>();
  leadsMap(doc).set(id, record);
  record.set('stageId', fields.stageId);
  record.set('rank', rank);
  record.set('tags', new Y.Array<string>());
  record.set('custom', new Y.Map<CustomValue>());
  record.set('notes', new Y.Text());
  writeLeadFields(record, {
    company: '',
    email: '',
    phone: '',
    value: 0,
    source: '',
    ownerId: null,
    score: 0,
    nextActivityAt: null,
    lostReason: '',
    ...fields,
  });
  record.set('createdAt', now);
  record.set('stageEnteredAt', now);
  record.set('updatedAt', now);
}

/** Changes a lead's fields; only fields whose value differs are written. */
export function updateLead(doc: Y.Doc, id: string, patch: LeadPatch, change: ChangeContext = {}) {
  const record = requireLead(doc, id);
  doc.transact(() => {
    if (writeLeadFields(record, patch)) {
      record.set('updatedAt', change.now ?? new Date().toISOString());
    }
  }, change.origin);
}

/**
 * Moves a lead to position `index` among the other cards of `stageId` (0 = top). Writes only the
 * moved card's rank, unless the two neighbours share a rank (after concurrent inserts): then the
 * tied cards after the drop point get fresh ranks too, keeping their order.
 */
export function moveLead(
  doc: Y.Doc,
  id: string,
  stageId: string,
  index: number,
  change: ChangeContext = {},
) {
  const record = requireLead(doc, id);
  requireStage(doc, stageId, 'stageId');
  const all = stageRanks(doc, stageId);
  const siblings = all.filter((lead) => lead.id !== id);
  checkIndex(index, siblings.length);
  if (all[index]?.id === id) return;
  const now = change.now ?? new Date().toISOString();
  doc.transact(() => {
    record.set(
      'rank',
      placeAmong(siblings, index, (other, rank) => setRank(doc, 'lead', other, rank)),
    );
    if (text(record.get('stageId')) !== stageId) {
      record.set('stageId', stageId);
      record.set('stageEnteredAt', now);
    }
    record.set('updatedAt', now);
  }, change.origin);
}

export function deleteLead(doc: Y.Doc, id: string, change: ChangeContext = {}) {
  requireLead(doc, id);
  doc.transact(() => leadsMap(doc).delete(id), change.origin);
}

/**
 * Puts leads whose stage vanished (removed while someone offline moved a card into it) at the end
 * of the first stage, so no card is ever invisible. Returns how many were moved.
 */
export function repairOrphanLeads(doc: Y.Doc, change: ChangeContext = {}): number {
  const orphans = orphanLeadIds(doc);
  const first = readStages(doc)[0];
  if (orphans.length === 0 || !first) return 0;
  const now = change.now ?? new Date().toISOString();
  doc.transact(() => {
    const last = stageLeads(doc, first.id)
      .filter((lead) => !orphans.includes(lead.id))
      .at(-1);
    const ranks = ranksBetween(last?.rank ?? null, null, orphans.length);
    orphans.sort().forEach((id, i) => {
      const record = leadsMap(doc).get(id)!;
      record.set('stageId', first.id);
      record.set('rank', ranks[i]!);
      record.set('stageEnteredAt', now);
    });
  }, change.origin);
  return orphans.length;
}

// ---------------------------------------------------------------- internals

function compareRanked(a: { rank: string; id: string }, b: { rank: string; id: string }) {
  if (a.rank !== b.rank) return a.rank < b.rank ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The rank for a new item at `index` of `sorted` (which excludes the item). If the neighbours tie,
 * the tied run from `index` on is re-ranked through `reRank` so the new item lands exactly there.
 */
function placeAmong(
  sorted: { id: string; rank: string }[],
  index: number,
  reRank: (id: string, rank: string) => void,
): string {
  const before = sorted[index - 1]?.rank ?? null;
  const after = sorted[index]?.rank ?? null;
  if (before === null || after === null || before < after) return rankBetween(before, after);
  let end = index;
  while (end < sorted.length && sorted[end]!.rank <= before) end++;
  const ranks = ranksBetween(before, sorted[end]?.rank ?? null, end - index + 1);
  for (let i = index; i < end; i++) reRank(sorted[i]!.id, ranks[i - index + 1]!);
  return ranks[0]!;
}

function setRank(doc: Y.Doc, kind: 'stage' | 'lead', id: string, rank: string) {
  (kind === 'stage' ? stagesMap(doc) : leadsMap(doc)).get(id)?.set('rank', rank);
}

function checkIndex(index: number, length: number) {
  if (!Number.isInteger(index) || index < 0 || index > length) {
    throw new BoardDocError(
      'index_out_of_range',
      'index',
      `index must be an integer from 0 to ${length}`,
    );
  }
}

function requireStage(doc: Y.Doc, id: string, field: string): YRecord {
  const record = stagesMap(doc).get(id);
  if (!(record instanceof Y.Map)) {
    throw new BoardDocError('stage_not_found', field, `no stage ${id} on this board`);
  }
  return record;
}

function requireLead(doc: Y.Doc, id: string): YRecord {
  const record = leadsMap(doc).get(id);
  if (!(record instanceof Y.Map)) {
    throw new BoardDocError('lead_not_found', 'id', `no lead ${id} on this board`);
  }
  return record;
}

function writeStageFields(record: YRecord, patch: Partial<StageFields>) {
  for (const key of [
    'name',
    'color',
    'probability',
    'wipLimit',
    'rottingDays',
    'outcome',
  ] as const) {
    const value = patch[key];
    if (value !== undefined && record.get(key) !== value) record.set(key, value);
  }
}

const SCALAR_LEAD_FIELDS = [
  'name',
  'company',
  'email',
  'phone',
  'value',
  'currency',
  'source',
  'ownerId',
  'score',
  'nextActivityAt',
  'lostReason',
] as const;

/** Writes the fields that differ; returns whether anything changed. */
function writeLeadFields(record: YRecord, patch: LeadPatch): boolean {
  let changed = false;
  for (const key of SCALAR_LEAD_FIELDS) {
    const value = patch[key];
    if (value !== undefined && record.get(key) !== value) {
      record.set(key, value);
      changed = true;
    }
  }
  if (patch.tags)
    changed = replaceTags(record.get('tags') as Y.Array<string>, patch.tags) || changed;
  if (patch.custom) {
    const custom = record.get('custom') as Y.Map<CustomValue>;
    for (const [key, value] of Object.entries(patch.custom)) {
      if (value === null) {
        if (custom.has(key)) {
          custom.delete(key);
          changed = true;
        }
      } else if (custom.get(key) !== value) {
        custom.set(key, value);
        changed = true;
      }
    }
  }
  if (patch.notes !== undefined) {
    changed = replaceText(record.get('notes') as Y.Text, patch.notes) || changed;
  }
  return changed;
}

/** Removes tags not wanted and appends new ones, leaving others untouched (concurrent-safe). */
function replaceTags(tags: Y.Array<string>, wanted: string[]): boolean {
  const keep = new Set(wanted);
  let changed = false;
  for (let i = tags.length - 1; i >= 0; i--) {
    if (!keep.has(tags.get(i))) {
      tags.delete(i, 1);
      changed = true;
    }
  }
  const present = new Set(tags.toArray());
  const added = [...keep].filter((tag) => !present.has(tag));
  if (added.length > 0) {
    tags.push(added);
    changed = true;
  }
  return changed;
}

/**
 * Turns `ytext` into `value` by editing only the differing middle, so text someone else typed
 * concurrently elsewhere in the note survives.
 */
function replaceText(ytext: Y.Text, value: string): boolean {
  const old = ytext.toString();
  if (old === value) return false;
  let start = 0;
  while (start < old.length && start < value.length && old[start] === value[start]) start++;
  let end = 0;
  while (
    end < old.length - start &&
    end < value.length - start &&
    old[old.length - 1 - end] === value[value.length - 1 - end]
  ) {
    end++;
  }
  ytext.delete(start, old.length - start - end);
  ytext.insert(start, value.slice(start, value.length - end));
  return true;
}

/** Maps a lead's stage to one that exists: a removed stage's orphan shows in the first stage. */
function effectiveStage(stages: Stage[]): (stageId: string) => string {
  const ids = new Set(stages.map((stage) => stage.id));
  const fallback = stages[0]?.id ?? '';
  return (stageId) => (ids.has(stageId) ? stageId : fallback);
}

function readLeads(doc: Y.Doc, stages: Stage[]): Lead[] {
  const stageOf = effectiveStage(stages);
  const leads: Lead[] = [];
  leadsMap(doc).forEach((record, id) => {
    if (record instanceof Y.Map) leads.push(toLead(id, record, stageOf));
  });
  return leads;
}

// Peers write the document too, so reads coerce whatever is there into the declared types.

function toStage(id: string, record: YRecord): Stage {
  return {
    id,
    name: text(record.get('name')),
    color: text(record.get('color')) || STAGE_DEFAULTS.color,
    probability: integer(record.get('probability')) ?? 0,
    wipLimit: integer(record.get('wipLimit')),
    rottingDays: integer(record.get('rottingDays')),
    outcome: STAGE_OUTCOMES.find((outcome) => outcome === record.get('outcome')) ?? null,
    rank: rankOf(record),
  };
}

function toLead(id: string, record: YRecord, stageOf: (stageId: string) => string): Lead {
  const tags = record.get('tags');
  const custom = record.get('custom');
  const notes = record.get('notes');
  const customValues: Record<string, CustomValue> = {};
  if (custom instanceof Y.Map) {
    custom.forEach((value, key) => {
      if (['string', 'number', 'boolean'].includes(typeof value)) {
        customValues[key] = value as CustomValue;
      }
    });
  }
  return {
    id,
    stageId: stageOf(text(record.get('stageId'))),
    rank: rankOf(record),
    name: text(record.get('name')),
    company: text(record.get('company')),
    email: text(record.get('email')),
    phone: text(record.get('phone')),
    value: integer(record.get('value')) ?? 0,
    currency: text(record.get('currency')) || DEFAULT_CURRENCY,
    source: text(record.get('source')),
    ownerId: nullableText(record.get('ownerId')),
    tags:
      tags instanceof Y.Array
        ? [...new Set(tags.toArray().filter((tag): tag is string => typeof tag === 'string'))]
        : [],
    score: integer(record.get('score')) ?? 0,
    nextActivityAt: nullableText(record.get('nextActivityAt')),
    custom: customValues,
    notes: notes instanceof Y.Text ? notes.toString() : '',
    lostReason: text(record.get('lostReason')),
    createdAt: text(record.get('createdAt')),
    stageEnteredAt: text(record.get('stageEnteredAt')),
    updatedAt: text(record.get('updatedAt')),
  };
}

function rankOf(record: YRecord): string {
  const rank = record.get('rank');
  return isRank(rank) ? rank : FIRST_RANK;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function nullableText(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function integer(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) ? value : null;
}
