/**
 * @module Where a PipelineBoard keeps its document: the Durable Object's own SQLite. The updates
 * of each event are appended together, in the same storage transaction as what they leave to do
 * (the rows the D1 projection must rewrite, the timeline events it must copy, with the audit row
 * of an event that has one); the log is
 * compacted into a snapshot now and then. A write holds the object's later outgoing messages
 * until it is durable (output gate).
 */
import * as Y from 'yjs';
import type { AuditRow } from '../platform/audit.ts';
import type { LeadEventKind } from '../schema/pipeline.ts';

/** SQLite rows (and so snapshot chunks) stay well under the 2 MB value limit. */
const SNAPSHOT_CHUNK_BYTES = 512 * 1024;
/** Compact once the log holds this many updates or bytes; loading replays at most this much. */
const COMPACT_AFTER_UPDATES = 500;
const COMPACT_AFTER_BYTES = 1024 * 1024;

export type DirtyKind = 'board' | 'stage' | 'lead';

/** A timeline event waiting in the outbox for the projection to copy it to `lead_events`. */
export interface TimelineEvent {
  id: string;
  leadId: string;
  kind: LeadEventKind;
  authorUserId: string | null;
  authorApiKeyId: string | null;
  /** Epoch ms. */
  at: number;
  payload: Record<string, unknown>;
  /** The audit-log row recording it, which the projection writes in the same D1 batch. */
  audit?: AuditRow;
}

/** What one document update leaves for the projection. */
export interface PendingWork {
  dirty: { kind: DirtyKind; id: string }[];
  events: TimelineEvent[];
}

export interface ProjectionBacklog {
  dirty: { kind: DirtyKind; id: string }[];
  maxDirtySeq: number;
  events: (TimelineEvent & { seq: number })[];
  maxEventSeq: number;
}

export interface StorageStats {
  /** Bytes of the compacted snapshot. */
  snapshotBytes: number;
  /** Updates (and their bytes) appended since the last compaction. */
  logUpdates: number;
  logBytes: number;
  version: number;
}

export class BoardStorage {
  readonly #sql: SqlStorage;
  readonly #storage: DurableObjectStorage;
  #logUpdates = 0;
  #logBytes = 0;
  #version = 0;

  constructor(storage: DurableObjectStorage) {
    this.#storage = storage;
    this.#sql = storage.sql;
    this.#sql.exec(`
      CREATE TABLE IF NOT EXISTS doc_updates (seq INTEGER PRIMARY KEY AUTOINCREMENT, data BLOB NOT NULL);
      CREATE TABLE IF NOT EXISTS doc_snapshot (chunk INTEGER PRIMARY KEY, data BLOB NOT NULL);
      CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS dirty (kind TEXT NOT NULL, id TEXT NOT NULL, seq INTEGER NOT NULL,
        PRIMARY KEY (kind, id));
      CREATE TABLE IF NOT EXISTS outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL,
        lead_id TEXT NOT NULL, kind TEXT NOT NULL, author_user_id TEXT, author_api_key_id TEXT,
        at INTEGER NOT NULL, payload TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS audit_outbox (event_id TEXT PRIMARY KEY, entry TEXT NOT NULL);
    `);
  }

  /** The document version: the sequence number of the last update appended. */
  get version(): number {
    return this.#version;
  }

  /** Applies the snapshot, then the log after it, to `doc`. */
  load(doc: Y.Doc): void {
    const chunks = this.#sql
      .exec<{ data: ArrayBuffer }>('SELECT data FROM doc_snapshot ORDER BY chunk')
      .toArray();
    const updates = this.#sql
      .exec<{ seq: number; data: ArrayBuffer }>('SELECT seq, data FROM doc_updates ORDER BY seq')
      .toArray();
    Y.transact(doc, () => {
      if (chunks.length > 0)
        Y.applyUpdateV2(doc, concat(chunks.map((c) => new Uint8Array(c.data))));
      for (const row of updates) Y.applyUpdate(doc, new Uint8Array(row.data));
    });
    this.#logUpdates = updates.length;
    this.#logBytes = updates.reduce((sum, row) => sum + row.data.byteLength, 0);
    this.#version = Math.max(Number(this.meta('compacted_version') ?? 0), updates.at(-1)?.seq ?? 0);
  }

  /** Appends an update with the work it leaves, in one storage transaction; returns its version. */
  append(update: Uint8Array, work: PendingWork): number {
    return this.#storage.transactionSync(() => {
      const { seq } = this.#sql
        .exec<{ seq: number }>('INSERT INTO doc_updates (data) VALUES (?) RETURNING seq', update)
        .one();
      for (const { kind, id } of work.dirty) {
        this.#sql.exec(
          'INSERT INTO dirty (kind, id, seq) VALUES (?, ?, ?) ON CONFLICT (kind, id) DO UPDATE SET seq = excluded.seq',
          kind,
          id,
          seq,
        );
      }
      for (const event of work.events) this.#appendEvent(event);
      this.#version = seq;
      this.#logUpdates++;
      this.#logBytes += update.byteLength;
      return seq;
    });
  }

  /** A timeline event that changes nothing in the document (a note). */
  appendEvent(event: TimelineEvent): void {
    this.#storage.transactionSync(() => this.#appendEvent(event));
  }

  /** Rewrites the snapshot from `doc` and empties the log, once the log is long enough. */
  compactIfDue(doc: Y.Doc): boolean {
    if (this.#logUpdates < COMPACT_AFTER_UPDATES && this.#logBytes < COMPACT_AFTER_BYTES) {
      return false;
    }
    this.compact(doc);
    return true;
  }

  compact(doc: Y.Doc): void {
    // V2 encoding is markedly smaller for many similar records (column-wise compression).
    const snapshot = Y.encodeStateAsUpdateV2(doc);
    this.#storage.transactionSync(() => {
      this.#sql.exec('DELETE FROM doc_snapshot');
      for (let i = 0; i * SNAPSHOT_CHUNK_BYTES < snapshot.byteLength; i++) {
        const chunk = snapshot.slice(i * SNAPSHOT_CHUNK_BYTES, (i + 1) * SNAPSHOT_CHUNK_BYTES);
        this.#sql.exec('INSERT INTO doc_snapshot (chunk, data) VALUES (?, ?)', i, chunk);
      }
      this.#sql.exec('DELETE FROM doc_updates WHERE seq <= ?', this.#version);
      this.setMeta('compacted_version', String(this.#version));
    });
    this.#logUpdates = 0;
    this.#logBytes = 0;
  }

  /** Marks every board, stage and lead for projection (first projection, or a full resync). */
  markAllDirty(ids: { kind: DirtyKind; id: string }[]): void {
    this.#storage.transactionSync(() => {
      for (const { kind, id } of ids) {
        this.#sql.exec(
          'INSERT INTO dirty (kind, id, seq) VALUES (?, ?, ?) ON CONFLICT (kind, id) DO UPDATE SET seq = excluded.seq',
          kind,
          id,
          this.#version,
        );
      }
    });
  }

  backlog(): ProjectionBacklog {
    const dirty = this.#sql
      .exec<{ kind: DirtyKind; id: string; seq: number }>('SELECT kind, id, seq FROM dirty')
      .toArray();
    const events = this.#sql
      .exec<{
        seq: number;
        id: string;
        lead_id: string;
        kind: LeadEventKind;
        author_user_id: string | null;
        author_api_key_id: string | null;
        at: number;
        payload: string;
        audit: string | null;
      }>(
        `SELECT outbox.*, audit_outbox.entry AS audit FROM outbox
         LEFT JOIN audit_outbox ON audit_outbox.event_id = outbox.id ORDER BY seq`,
      )
      .toArray();
    return {
      dirty: dirty.map(({ kind, id }) => ({ kind, id })),
      maxDirtySeq: Math.max(0, ...dirty.map((row) => row.seq)),
      events: events.map((row) => ({
        seq: row.seq,
        id: row.id,
        leadId: row.lead_id,
        kind: row.kind,
        authorUserId: row.author_user_id,
        authorApiKeyId: row.author_api_key_id,
        at: row.at,
        payload: JSON.parse(row.payload),
        ...(row.audit && { audit: parseAudit(row.audit) }),
      })),
      maxEventSeq: Math.max(0, ...events.map((row) => row.seq)),
    };
  }

  /**
   * Forgets the backlog the projection has written. Rows marked again meanwhile carry a higher
   * sequence number and stay for the next run.
   */
  acknowledge(backlog: ProjectionBacklog, version: number): void {
    this.#storage.transactionSync(() => {
      this.#sql.exec('DELETE FROM dirty WHERE seq <= ?', backlog.maxDirtySeq);
      this.#sql.exec(
        'DELETE FROM audit_outbox WHERE event_id IN (SELECT id FROM outbox WHERE seq <= ?)',
        backlog.maxEventSeq,
      );
      this.#sql.exec('DELETE FROM outbox WHERE seq <= ?', backlog.maxEventSeq);
      this.setMeta('projected_version', String(version));
    });
  }

  hasBacklog(): boolean {
    const row = this.#sql
      .exec<{ n: number }>(
        'SELECT (SELECT count(*) FROM dirty) + (SELECT count(*) FROM outbox) AS n',
      )
      .one();
    return row.n > 0;
  }

  meta(key: string): string | null {
    return (
      this.#sql.exec<{ value: string }>('SELECT value FROM meta WHERE key = ?', key).toArray()[0]
        ?.value ?? null
    );
  }

  setMeta(key: string, value: string): void {
    this.#sql.exec(
      'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      key,
      value,
    );
  }

  stats(): StorageStats {
    const snapshot = this.#sql
      .exec<{ bytes: number | null }>('SELECT sum(length(data)) AS bytes FROM doc_snapshot')
      .one();
    return {
      snapshotBytes: snapshot.bytes ?? 0,
      logUpdates: this.#logUpdates,
      logBytes: this.#logBytes,
      version: this.#version,
    };
  }

  #appendEvent(event: TimelineEvent): void {
    this.#sql.exec(
      `INSERT INTO outbox (id, lead_id, kind, author_user_id, author_api_key_id, at, payload)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
      event.id,
      event.leadId,
      event.kind,
      event.authorUserId,
      event.authorApiKeyId,
      event.at,
      JSON.stringify(event.payload),
    );
    if (event.audit) {
      this.#sql.exec(
        'INSERT INTO audit_outbox (event_id, entry) VALUES (?, ?)',
        event.id,
        JSON.stringify(event.audit),
      );
    }
  }
}

/** An audit row as stored: JSON, where its date became a string. */
function parseAudit(json: string): AuditRow {
  const row = JSON.parse(json) as AuditRow & { createdAt: string };
  return { ...row, createdAt: new Date(row.createdAt) };
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}
