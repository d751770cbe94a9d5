/**
 * @module PipelineBoard: one Durable Object per sales board (named by the board id), holding the
 * board's Yjs document (shape and mutations: rooms/board-doc.ts). People edit it live over
 * WebSocket (`/parties/pipeline-board/<boardId>`, y-partyserver protocol); connections arrive only
 * through `routeRoomRequest`, which checked their room ticket and passes who they are in a header.
 * The REST API writes through the RPC methods below, as Yjs transactions, so everyone on the board
 * sees API changes at once.
 *
 * - Viewers are read-only: their document updates are dropped, never stored or relayed.
 * - A message over MAX_MESSAGE_BYTES, or one that does not decode (sync-message.ts), closes that
 *   connection only.
 * - Peers hear an update at memory speed; it is written to the object's SQLite (board-storage.ts)
 *   at the end of the same event, before the room handles anything else (see #queueSave).
 * - The D1 read model (board-projection.ts) follows within ~1 s of a change (alarm, one projection
 *   per second under constant edits), and at once after a REST write so the
 *   caller reads its own write; a failed projection keeps its backlog and retries with backoff.
 * - Presence (Yjs awareness) names each person as their ticket does, whatever the client claims.
 * - Timeline events come from document changes (board-changes.ts), attributed to the connection's
 *   person or the REST actor, and from notes. Once the projection has written them, the room tells
 *   the org's open tabs which leads' timelines grew (lead-timeline-event.ts).
 *
 * RPC methods answer `RoomResult` (domain/room-result.ts) instead of throwing: errors crossing RPC
 * lose their fields, and the API needs the code and field to answer problem+json.
 */

import { and, eq, ne, sql } from 'drizzle-orm';
import type { Connection, ConnectionContext, WSMessage } from 'partyserver';
import { YServer } from 'y-partyserver';
import * as Y from 'yjs';
import { newId } from '../domain/ids.ts';
import { pickOwner } from '../domain/pipeline/assignment.ts';
import {
  addLead,
  addStage,
  BoardDocError,
  type BoardInfo,
  type BoardSnapshot,
  deleteLead,
  type Lead,
  type LeadPatch,
  leadsMap,
  moveLead,
  moveStage,
  type NewLead,
  orphanLeadIds,
  readBoard,
  readBoardInfo,
  readLead,
  readStage,
  readStages,
  removeStage,
  repairOrphanLeads,
  type Stage,
  type StageFields,
  stagesMap,
  updateBoard,
  updateLead,
  updateStage,
} from '../domain/pipeline/board-doc.ts';
import {
  changedLeadIds,
  DEFAULT_INTAKE_SETTINGS,
  type IntakeCandidate,
  type IntakeOutcome,
  type IntakeSettings,
  intakeLeads,
  openLeadCounts,
  rescoreLeads,
} from '../domain/pipeline/board-intake.ts';
import { type DuplicateSuggestion, suggestDuplicates } from '../domain/pipeline/dedup.ts';
import { planMerge } from '../domain/pipeline/merge.ts';
import { type LeadScore, scoreLead } from '../domain/pipeline/scoring.ts';
import { leadTimelineEvent } from '../domain/pipeline/timeline-event.ts';
import { type BoardRefusal, ok, type RoomResult, refuse } from '../domain/room-result.ts';
import type { AuditRow } from '../platform/audit.ts';
import { database, orgScope } from '../platform/db.ts';
import type { Env } from '../platform/env.ts';
import { publishToOrg } from '../platform/live-events.ts';
import { log } from '../platform/log.ts';
import type { Actor } from '../platform/principal.ts';
import { decodeIdentity, type RoomIdentity } from '../platform/room-identity.ts';
import { leadEvents } from '../schema/pipeline.ts';
import { loadIntakeSettings } from '../services/pipeline/intake-settings.ts';
import { type Author, watchBoardChanges } from './board-changes.ts';
import { projectBoardToD1 } from './board-projection.ts';
import { BoardStorage, type StorageStats } from './board-storage.ts';
import { IntakeMemo } from './intake-memo.ts';
import { stampPresence } from './presence-stamp.ts';
import { isWellFormedMessage } from './sync-message.ts';

/** A client message larger than this is refused (the connection is closed with 1009). */
export const MAX_MESSAGE_BYTES = 1024 * 1024;
export const PROJECTION_DELAY_MS = 1000;
const PROJECTION_RETRY_MAX_MS = 5 * 60 * 1000;
const MAX_NOTE_CHARS = 10_000;

/** What a board room answers. */
export type BoardResult<T> = RoomResult<T, BoardRefusal>;

export interface BoardSetup {
  orgId: string;
  name: string;
  currency: string;
  /** `id` is for fixed seeds; stages get fresh ids otherwise. */
  stages: (Partial<StageFields> & { name: string; id?: string })[];
}

/** How leads arrived, for their timeline: a web form or an import (and which). */
export interface IntakeVia {
  kind: 'capture' | 'import';
  importId?: string;
  /** Same key, same batch: a retry returns the first outcomes and changes nothing. */
  batchKey?: string;
}

export interface NoteEvent {
  id: string;
  leadId: string;
  at: string;
}

interface ConnectionState {
  identity?: RoomIdentity;
}

/** Transactions made by the room itself (repairs) are attributed to nobody. */
const SYSTEM: Actor = { kind: 'system' };

export class PipelineBoard extends YServer<Env> {
  static override options = { hibernate: true };

  #storage!: BoardStorage;
  #intakeMemo!: IntakeMemo;
  /** Scoring rules and assignment, from the board's D1 row; `configureIntake` replaces them. */
  #intake: IntakeSettings = DEFAULT_INTAKE_SETTINGS;
  #changes!: ReturnType<typeof watchBoardChanges>;
  /** Projections run one at a time, so an older one never overwrites a newer one in D1. */
  #projection: Promise<void> = Promise.resolve();
  /** When the alarm will project, if one is set. */
  #alarmAt: number | null = null;
  /** Updates relayed during the current event and not written yet. */
  #unsaved: Uint8Array[] = [];

  override async onStart(): Promise<void> {
    this.#storage = new BoardStorage(this.ctx.storage);
    this.#intakeMemo = new IntakeMemo(this.ctx.storage.sql);
    await super.onStart();
    const orgId = this.#orgId;
    if (orgId) this.#intake = await loadIntakeSettings(database(this.env.DB), orgId, this.name);
    if (this.#storage.hasBacklog()) this.#scheduleProjection();
  }

  /**
   * Loads the stored document, then starts recording changes. YServer subscribes its relay right
   * after this, so the relay runs after `#queueSave` for each update.
   */
  override async onLoad(): Promise<void> {
    this.#storage.load(this.document);
    this.#changes = watchBoardChanges(this.document, (origin) => authorOf(origin));
    this.document.on('update', (update: Uint8Array) => this.#queueSave(update));
  }

  get #orgId(): string | null {
    return this.#storage.meta('org_id');
  }

  // ------------------------------------------------------------ WebSocket

  override isReadOnly(connection: Connection): boolean {
    const identity = (connection.state as ConnectionState | null)?.identity;
    return !identity || identity.role === 'viewer';
  }

  override onConnect(connection: Connection, ctx: ConnectionContext) {
    const identity = decodeIdentity(ctx.request);
    // The door checked the ticket against D1; this guards against a board id reused across orgs.
    if (!identity || identity.orgId !== this.#orgId) {
      connection.close(1008, 'This board belongs to another organization.');
      return;
    }
    connection.setState((prev: ConnectionState | null) => ({ ...prev, identity }));
    return super.onConnect(connection, ctx);
  }

  override onMessage(connection: Connection, message: WSMessage) {
    if (typeof message === 'string') {
      // Custom string messages (`__YPS:`) are not part of this room's protocol.
      connection.close(1003, 'This room speaks the binary Yjs protocol only.');
      return;
    }
    const bytes = toBytes(message);
    if (bytes.byteLength > MAX_MESSAGE_BYTES) {
      connection.close(1009, `Messages are limited to ${MAX_MESSAGE_BYTES} bytes.`);
      return;
    }
    if (!isWellFormedMessage(bytes)) {
      connection.close(1007, 'Malformed message.');
      return;
    }
    const identity = (connection.state as ConnectionState | null)?.identity;
    if (!identity) {
      connection.close(1008, 'Unknown connection.');
      return;
    }
    const stamped = stampPresence(bytes, identity);
    this.#withScores(connection, () => this.handleMessage(connection, stamped));
  }

  // ------------------------------------------------------------ alarm: projection to D1

  override async onAlarm(): Promise<void> {
    this.#alarmAt = null;
    try {
      await this.#project();
      this.#storage.setMeta('projection_failures', '0');
    } catch (error) {
      const failures = Number(this.#storage.meta('projection_failures') ?? 0) + 1;
      this.#storage.setMeta('projection_failures', String(failures));
      const retryIn = Math.min(PROJECTION_RETRY_MAX_MS, 1000 * 2 ** failures);
      log(this.env, 'warn', 'board projection failed', {
        boardId: this.name,
        failures,
        retryIn,
        error: String(error),
      });
      // Until then, new changes wait for the retry rather than hammer a failing D1.
      this.#alarmAt = Date.now() + retryIn;
      await this.ctx.storage.setAlarm(this.#alarmAt);
    }
  }

  // ------------------------------------------------------------ RPC (the REST API)

  /** Creates the board's document; repeating it for the same org changes nothing. */
  async initialize(setup: BoardSetup): Promise<BoardResult<BoardSnapshot>> {
    await this.#ready();
    const orgId = this.#orgId;
    if (orgId && orgId !== setup.orgId) return refusal('other_org', 'id', 'Board id in use.');
    if (!orgId) {
      this.#storage.setMeta('org_id', setup.orgId);
      this.document.transact(() => {
        updateBoard(this.document, { name: setup.name, currency: setup.currency });
        for (const { id, ...stage } of setup.stages) addStage(this.document, stage, { id });
      }, SYSTEM);
    }
    await this.#projectNow();
    return ok(readBoard(this.document));
  }

  async snapshot(): Promise<BoardResult<BoardSnapshot>> {
    return this.#read(() => readBoard(this.document));
  }

  /** The board and its stages, without the leads. */
  async outline(): Promise<BoardResult<{ board: BoardInfo; stages: Stage[] }>> {
    return this.#read(() => ({
      board: readBoardInfo(this.document),
      stages: readStages(this.document),
    }));
  }

  async lead(id: string): Promise<BoardResult<Lead>> {
    return this.#read(() => {
      const lead = readLead(this.document, id);
      if (!lead) throw new BoardDocError('lead_not_found', 'id', `no lead ${id} on this board`);
      return lead;
    });
  }

  async patchBoard(patch: Partial<BoardInfo>, actor: Actor): Promise<BoardResult<BoardInfo>> {
    return this.#write(actor, (change) => {
      updateBoard(this.document, patch, change);
      return readBoardInfo(this.document);
    });
  }

  async createStage(
    fields: Partial<StageFields> & { name: string },
    index: number | undefined,
    actor: Actor,
  ): Promise<BoardResult<Stage>> {
    return this.#write(actor, (change) => {
      const id = addStage(this.document, fields, { index }, change);
      return readStage(this.document, id)!;
    });
  }

  async patchStage(
    id: string,
    patch: Partial<StageFields>,
    actor: Actor,
  ): Promise<BoardResult<Stage>> {
    return this.#write(actor, (change) => {
      updateStage(this.document, id, patch, change);
      return readStage(this.document, id)!;
    });
  }

  async reorderStage(id: string, index: number, actor: Actor): Promise<BoardResult<Stage[]>> {
    return this.#write(actor, (change) => {
      moveStage(this.document, id, index, change);
      return readStages(this.document);
    });
  }

  async deleteStage(
    id: string,
    targetStageId: string | null,
    actor: Actor,
  ): Promise<BoardResult<{ moved: number }>> {
    return this.#write(actor, (change) => {
      const moved = leadsOf(this.document, id);
      removeStage(this.document, id, targetStageId, change);
      return { moved };
    });
  }

  /** Adds a lead; without a `stageId` it goes to the board's first stage. */
  async createLead(
    fields: Omit<NewLead, 'stageId'> & { stageId?: string },
    options: { id?: string; index?: number },
    actor: Actor,
  ): Promise<BoardResult<Lead>> {
    return this.#writeLead(actor, (change) => {
      const stageId = fields.stageId ?? readStages(this.document)[0]?.id ?? '';
      const ownerId = fields.ownerId === undefined ? this.#nextOwner() : fields.ownerId;
      const id = addLead(this.document, { ...fields, stageId, ownerId }, options, change);
      if (ownerId && fields.ownerId === undefined)
        this.#storage.setMeta('assignment_cursor', ownerId);
      return id;
    });
  }

  // ------------------------------------------------------------ RPC: lead intake

  /**
   * Leads arriving from a web form or an import: exact duplicates merge into the lead already
   * here, new ones get an owner (if the board assigns) and a score. One call is one Yjs
   * transaction; with a `batchKey`, a repeated call answers as the first did and changes nothing.
   */
  async intake(
    candidates: IntakeCandidate[],
    via: IntakeVia,
    actor: Actor,
  ): Promise<BoardResult<IntakeOutcome[]>> {
    await this.#ready();
    const remembered = via.batchKey ? this.#intakeMemo.recall(via.batchKey) : null;
    if (remembered) return ok(remembered);
    return this.#write(actor, (change) => {
      const now = new Date();
      const result = intakeLeads(
        this.document,
        candidates,
        this.#intake,
        this.#storage.meta('assignment_cursor'),
        { ...change, now: now.toISOString() },
      );
      if (result.lastAssigned) this.#storage.setMeta('assignment_cursor', result.lastAssigned);
      const author = authorOf(actor);
      for (const outcome of result.outcomes) {
        if (outcome.status !== 'merged') continue;
        this.#storage.appendEvent({
          id: newId(now.getTime()),
          leadId: outcome.leadId,
          kind: 'merged',
          authorUserId: author.userId,
          authorApiKeyId: author.apiKeyId,
          at: now.getTime(),
          payload: {
            via: via.kind,
            ...(via.importId && { importId: via.importId }),
            reason: outcome.reason,
            filled: outcome.filled,
          },
        });
      }
      if (via.batchKey) this.#intakeMemo.remember(via.batchKey, result.outcomes);
      return result.outcomes;
    });
  }

  /**
   * Merges `otherId` into `survivorId`: the survivor keeps its data and gains what only the other
   * had; the other leaves the board. Its timeline moves to the survivor (marked `mergedFrom`),
   * and a `merged` event says what was filled.
   */
  async mergeLeads(
    survivorId: string,
    otherId: string,
    actor: Actor,
  ): Promise<BoardResult<{ lead: Lead; filled: string[] }>> {
    const merged = await this.#write(actor, (change): { filled: string[] } => {
      const survivor = readLead(this.document, survivorId);
      if (!survivor) throw new BoardDocError('lead_not_found', 'id', `no lead ${survivorId}`);
      const other = readLead(this.document, otherId);
      if (!other) throw new BoardDocError('lead_not_found', 'otherId', `no lead ${otherId}`);
      const { patch, filled } = planMerge(survivor, other);
      const author = authorOf(actor);
      const at = Date.now();
      this.document.transact(() => {
        updateLead(this.document, survivorId, patch, change);
        deleteLead(this.document, otherId, change);
      }, change.origin);
      this.#storage.appendEvent({
        id: newId(at),
        leadId: survivorId,
        kind: 'merged',
        authorUserId: author.userId,
        authorApiKeyId: author.apiKeyId,
        at,
        payload: { from: otherId, fromName: other.name, filled },
      });
      return { filled };
    });
    // After the projection (run by #write), every event of the other lead is in D1: move them.
    if (merged.ok) {
      const orgId = this.#orgId!;
      await database(this.env.DB)
        .update(leadEvents)
        .set({
          leadId: survivorId,
          payload: sql`json_set(${leadEvents.payload}, '$.mergedFrom', ${otherId})`,
        })
        .where(
          orgScope(orgId).where(
            leadEvents,
            and(eq(leadEvents.leadId, otherId), ne(leadEvents.kind, 'deleted')),
          ),
        );
    }
    return merged.ok
      ? ok({ lead: readLead(this.document, survivorId)!, filled: merged.value.filled })
      : merged;
  }

  /** Leads on this board that may be the same person as this one, most alike first. */
  async duplicatesOf(
    leadId: string,
  ): Promise<BoardResult<(DuplicateSuggestion & { lead: Lead })[]>> {
    return this.#read(() => {
      const lead = readLead(this.document, leadId);
      if (!lead) throw new BoardDocError('lead_not_found', 'id', `no lead ${leadId} on this board`);
      const leads = readBoard(this.document).leads;
      const byId = new Map(leads.map((other) => [other.id, other]));
      return suggestDuplicates(lead, leads).map((s) => ({ ...s, lead: byId.get(s.leadId)! }));
    });
  }

  /** The lead's score as the board's rules give it now, reason by reason. */
  async explainScore(leadId: string): Promise<BoardResult<LeadScore>> {
    return this.#read(() => {
      const lead = readLead(this.document, leadId);
      if (!lead) throw new BoardDocError('lead_not_found', 'id', `no lead ${leadId} on this board`);
      return scoreLead(lead, this.#intake.scoring, new Date());
    });
  }

  /** New scoring rules or assignment (already saved in D1): every lead is rescored at once. */
  async configureIntake(settings: IntakeSettings): Promise<BoardResult<{ rescored: number }>> {
    await this.#ready();
    this.#intake = settings;
    return this.#write({ kind: 'system' }, () => {
      const ids = [...leadsMap(this.document).keys()];
      return { rescored: rescoreLeads(this.document, ids, settings.scoring, new Date()) };
    });
  }

  async patchLead(id: string, patch: LeadPatch, actor: Actor): Promise<BoardResult<Lead>> {
    return this.#writeLead(actor, (change) => {
      updateLead(this.document, id, patch, change);
      return id;
    });
  }

  async moveLeadTo(
    id: string,
    stageId: string,
    index: number,
    actor: Actor,
  ): Promise<BoardResult<Lead>> {
    return this.#writeLead(actor, (change) => {
      moveLead(this.document, id, stageId, index, change);
      return id;
    });
  }

  async removeLead(id: string, actor: Actor): Promise<BoardResult<{ id: string }>> {
    return this.#write(actor, (change) => {
      deleteLead(this.document, id, change);
      return { id };
    });
  }

  /**
   * A note on the lead's timeline (the lead's live `notes` text is a field, edited in place).
   * `audit` is the audit row recording it; it reaches D1 in the same batch as the note, and names
   * the note.
   */
  async addNote(
    leadId: string,
    text: string,
    actor: Actor,
    audit: AuditRow,
  ): Promise<BoardResult<NoteEvent>> {
    await this.#ready();
    if (!readLead(this.document, leadId)) {
      return refusal('lead_not_found', 'id', `no lead ${leadId} on this board`);
    }
    if (text.length > MAX_NOTE_CHARS) {
      return refusal('too_long', 'text', `A note is at most ${MAX_NOTE_CHARS} characters.`);
    }
    const author = authorOf(actor);
    const at = Date.now();
    const id = newId(at);
    this.#storage.appendEvent({
      id,
      leadId,
      kind: 'note',
      authorUserId: author.userId,
      authorApiKeyId: author.apiKeyId,
      at,
      payload: { text },
      audit: { ...audit, data: { ...audit.data, noteId: id } },
    });
    await this.#projectNow();
    return ok({ id, leadId, at: new Date(at).toISOString() });
  }

  /** Ends the board: closes every connection and erases the document. */
  async destroy(): Promise<void> {
    await this.#ready();
    for (const connection of this.getConnections()) {
      connection.close(1000, 'This board was deleted.');
    }
    this.#unsaved = [];
    await this.ctx.storage.deleteAlarm();
    await this.ctx.storage.deleteAll();
  }

  /** Writes any pending change to D1 now (tests, and REST writes reading their own write). */
  async flushProjection(): Promise<void> {
    await this.#ready();
    await this.#project();
  }

  async storageStats(compact = false): Promise<StorageStats> {
    await this.#ready();
    this.#save();
    if (compact) this.#storage.compact(this.document);
    return this.#storage.stats();
  }

  // ------------------------------------------------------------ internals

  /**
   * RPC calls arrive without partyserver's fetch/alarm entry points, which are what start the
   * server (run onStart, load the document); `setName` with its own name starts it the same way.
   */
  async #ready() {
    await this.setName(this.name);
  }

  async #read<T>(read: () => T): Promise<BoardResult<T>> {
    await this.#ready();
    if (!this.#orgId) return refusal('not_initialized', 'id', 'No such board.');
    return attempt(read);
  }

  async #write<T>(actor: Actor, mutate: (change: { origin: Actor }) => T): Promise<BoardResult<T>> {
    await this.#ready();
    if (!this.#orgId) return refusal('not_initialized', 'id', 'No such board.');
    const result = attempt(() => this.#withScores(actor, () => mutate({ origin: actor })));
    if (result.ok) await this.#projectNow();
    return result;
  }

  /** A write that answers with the lead it touched, read after its new score is in. */
  async #writeLead(actor: Actor, mutate: (change: { origin: Actor }) => string) {
    const written = await this.#write(actor, mutate);
    return written.ok ? ok(readLead(this.document, written.value)!) : written;
  }

  /**
   * Writing an update before relaying it would make every peer wait for the disk: a storage write
   * holds each later outgoing message until it is durable (output gate). So YServer relays the
   * update first, and the event's updates are written together when its synchronous work is done,
   * before the room handles anything else. Anything the room sends after that leaves only once
   * the update is stored. If the room dies in between, the sender and every peer that heard the
   * update still hold it and hand it back when they reconnect (Yjs sync step 2).
   */
  #queueSave(update: Uint8Array) {
    this.#unsaved.push(update);
    if (this.#unsaved.length === 1) queueMicrotask(() => this.#save());
  }

  /** Writes the unsaved updates as one, with the projection work and timeline events they leave. */
  #save() {
    if (this.#unsaved.length === 0) return;
    const updates = this.#unsaved;
    this.#unsaved = [];
    const changes = this.#changes.take();
    try {
      this.#storage.append(updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates), {
        dirty: [...changes.dirty.values()],
        events: changes.events,
      });
      this.#storage.compactIfDue(this.document);
    } catch (error) {
      // Relayed but not stored: restart from storage; the clients hand the update back.
      log(this.env, 'error', 'board update could not be stored', {
        boardId: this.name,
        error: String(error),
      });
      this.ctx.abort('board storage write failed');
      return;
    }
    this.#scheduleProjection();
    if (changes.stagesShifted) this.#repairOrphans();
  }

  /**
   * Runs a change (a client's message, a REST write) in one Yjs transaction together with the
   * new scores of the leads it touched: one stored update, one broadcast, and the timeline
   * attributes the change to whoever made it, not to the scoring.
   */
  #withScores<T>(origin: unknown, change: () => T): T {
    let result!: T;
    this.document.transact((transaction) => {
      result = change();
      const ids = changedLeadIds(this.document, transaction);
      if (ids.size) rescoreLeads(this.document, ids, this.#intake.scoring, new Date());
    }, origin);
    return result;
  }

  /** The next owner by the board's assignment, or null when it does not assign. */
  #nextOwner(): string | null {
    const { assignment } = this.#intake;
    if (assignment.mode === 'off') return null;
    return pickOwner(
      assignment,
      this.#storage.meta('assignment_cursor'),
      openLeadCounts(this.document),
    );
  }

  /** Only after a stage vanished or a card changed stage: the scan reads every lead. */
  #repairOrphans() {
    if (orphanLeadIds(this.document).length > 0)
      repairOrphanLeads(this.document, { origin: SYSTEM });
  }

  /**
   * The first change after a projection sets the alarm PROJECTION_DELAY_MS later, and the changes
   * made meanwhile go with it. Moving the alarm on each change would be a storage write per
   * keystroke, each holding the room's outgoing messages until it is durable (output gate).
   */
  #scheduleProjection() {
    if (this.#alarmAt !== null) return;
    this.#alarmAt = Date.now() + PROJECTION_DELAY_MS;
    void this.ctx.storage.setAlarm(this.#alarmAt);
  }

  #project(): Promise<void> {
    this.#save();
    const run = this.#projection.then(async () => {
      const orgId = this.#orgId;
      if (!orgId) return;
      const backlog = this.#storage.backlog();
      const version = this.#storage.version;
      if (backlog.dirty.length === 0 && backlog.events.length === 0) {
        if (Number(this.#storage.meta('projected_version') ?? -1) === version) return;
      }
      await projectBoardToD1(this.document, backlog, version, {
        db: database(this.env.DB),
        orgId,
        boardId: this.name,
      });
      this.#storage.acknowledge(backlog, version);
      // Now that the timeline can be read with its new entries, open drawers of those leads reread.
      if (backlog.events.length > 0) {
        const leadIds = backlog.events.map((event) => event.leadId);
        await publishToOrg(this.env, orgId, leadTimelineEvent(this.name, leadIds));
      }
    });
    this.#projection = run.catch(() => {});
    return run;
  }

  /** After a REST write: project now, but a D1 failure must not fail the write (the alarm retries). */
  async #projectNow() {
    try {
      await this.#project();
    } catch (error) {
      log(this.env, 'warn', 'board projection failed; the alarm will retry', {
        boardId: this.name,
        error: String(error),
      });
      this.#scheduleProjection();
    }
  }
}

/** The person or key a transaction origin stands for: a WebSocket connection or an API actor. */
function authorOf(origin: unknown): Author {
  if (origin && typeof origin === 'object') {
    if ('kind' in origin) {
      const actor = origin as Actor;
      if (actor.kind === 'user') return { userId: actor.userId, apiKeyId: null };
      if (actor.kind === 'api_key') return { userId: null, apiKeyId: actor.keyId };
    } else if ('state' in origin) {
      const identity = ((origin as Connection).state as ConnectionState | null)?.identity;
      if (identity) return { userId: identity.userId, apiKeyId: null };
    }
  }
  return { userId: null, apiKeyId: null };
}

function leadsOf(doc: Parameters<typeof readBoard>[0], stageId: string): number {
  let count = 0;
  leadsMap(doc).forEach((record) => {
    if (record.get('stageId') === stageId) count++;
  });
  return stagesMap(doc).has(stageId) ? count : 0;
}

function attempt<T>(fn: () => T): BoardResult<T> {
  try {
    return ok(fn());
  } catch (error) {
    if (error instanceof BoardDocError) {
      return refusal(error.code, error.field, error.message);
    }
    throw error;
  }
}

function refusal<T>(code: BoardRefusal['code'], field: string, message: string): BoardResult<T> {
  return refuse({ code, field, message });
}

function toBytes(message: ArrayBuffer | ArrayBufferView): Uint8Array {
  return message instanceof ArrayBuffer
    ? new Uint8Array(message)
    : new Uint8Array(message.buffer, message.byteOffset, message.byteLength);
}
