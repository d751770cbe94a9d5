/**
 * @module What each intake batch (a capture with an Idempotency-Key, one chunk of an import) did,
 * kept in the board room's SQLite for a week: a batch that arrives again — a queue retry, a form
 * resubmitted — gets the first answer back and changes nothing. Written in the same synchronous
 * turn as the document change, so the two are stored together or not at all.
 */
import type { IntakeOutcome } from '../domain/pipeline/board-intake.ts';

const KEEP_MS = 7 * 24 * 3600 * 1000;

export class IntakeMemo {
  readonly #sql: SqlStorage;

  constructor(sql: SqlStorage) {
    this.#sql = sql;
    sql.exec(
      'CREATE TABLE IF NOT EXISTS intake_batches (key TEXT PRIMARY KEY, at INTEGER NOT NULL, outcomes TEXT NOT NULL)',
    );
  }

  recall(key: string): IntakeOutcome[] | null {
    const row = this.#sql
      .exec<{ outcomes: string }>('SELECT outcomes FROM intake_batches WHERE key = ?', key)
      .toArray()[0];
    return row ? (JSON.parse(row.outcomes) as IntakeOutcome[]) : null;
  }

  remember(key: string, outcomes: IntakeOutcome[], now = Date.now()) {
    this.#sql.exec('DELETE FROM intake_batches WHERE at < ?', now - KEEP_MS);
    this.#sql.exec(
      'INSERT OR REPLACE INTO intake_batches (key, at, outcomes) VALUES (?, ?, ?)',
      key,
      now,
      JSON.stringify(outcomes),
    );
  }
}
