/**
 * @module What a change to a board document means: which stages and leads the D1 projection must
 * rewrite, and which timeline events (created, stage change, field change, deleted) it produced.
 * Read from Yjs observer events, so edits from a live client, an offline client's merge and a
 * REST call are recorded the same way.
 */
import * as Y from 'yjs';
import { newId } from '../domain/ids.ts';
import { boardMap, leadsMap, stagesMap } from '../domain/pipeline/board-doc.ts';
import type { DirtyKind, TimelineEvent } from './board-storage.ts';

/** Who a change is attributed to. */
export interface Author {
  userId: string | null;
  apiKeyId: string | null;
}

/**
 * Lead fields whose changes appear on the timeline; rank, timestamps, the live notes and the score
 * (derived from the others by the board's rules) do not.
 */
const TIMELINE_FIELDS = new Set([
  'name',
  'company',
  'email',
  'phone',
  'value',
  'currency',
  'source',
  'ownerId',
  'nextActivityAt',
  'lostReason',
]);

export interface BoardChanges {
  dirty: Map<string, { kind: DirtyKind; id: string }>;
  events: TimelineEvent[];
  /** A stage was removed or a card changed stage: orphaned cards may need re-homing. */
  stagesShifted: boolean;
}

export const emptyChanges = (): BoardChanges => ({
  dirty: new Map(),
  events: [],
  stagesShifted: false,
});

/**
 * Subscribes to the document and accumulates every change into the `BoardChanges` that
 * `current()` returns, until the caller takes them with `take()`.
 */
export function watchBoardChanges(doc: Y.Doc, authorOf: (origin: unknown) => Author) {
  let changes = emptyChanges();
  const mark = (kind: DirtyKind, id: string) => changes.dirty.set(`${kind}:${id}`, { kind, id });
  const stageName = (id: unknown) => {
    const stage = typeof id === 'string' ? stagesMap(doc).get(id) : undefined;
    return stage instanceof Y.Map ? stage.get('name') : null;
  };

  boardMap(doc).observe(() => mark('board', ''));

  stagesMap(doc).observeDeep((events) => {
    for (const event of events) {
      if (event.target === stagesMap(doc)) {
        event.changes.keys.forEach((change, id) => {
          mark('stage', id);
          if (change.action === 'delete') changes.stagesShifted = true;
        });
      } else if (typeof event.path[0] === 'string') {
        mark('stage', event.path[0]);
      }
    }
  });

  leadsMap(doc).observeDeep((events, transaction) => {
    const author = authorOf(transaction.origin);
    const at = Date.now();
    const fieldChanges = new Map<string, Record<string, { from: unknown; to: unknown }>>();
    const event = (leadId: string, kind: TimelineEvent['kind'], payload: Record<string, unknown>) =>
      changes.events.push({
        id: newId(at),
        leadId,
        kind,
        authorUserId: author.userId,
        authorApiKeyId: author.apiKeyId,
        at,
        payload,
      });
    const fieldChange = (leadId: string, field: string, from: unknown, to: unknown) => {
      const fields = fieldChanges.get(leadId) ?? {};
      fields[field] = { from: from ?? null, to: to ?? null };
      fieldChanges.set(leadId, fields);
    };

    for (const yEvent of events) {
      if (yEvent.target === leadsMap(doc)) {
        yEvent.changes.keys.forEach((change, leadId) => {
          mark('lead', leadId);
          const record = leadsMap(doc).get(leadId);
          if (change.action === 'delete') event(leadId, 'deleted', {});
          else if (record instanceof Y.Map) {
            const stageId = record.get('stageId');
            event(leadId, 'created', {
              name: record.get('name') ?? '',
              stageId,
              stageName: stageName(stageId),
            });
          }
        });
        continue;
      }
      const leadId = yEvent.path[0];
      if (typeof leadId !== 'string') continue;
      mark('lead', leadId);
      const record = leadsMap(doc).get(leadId);
      if (!(record instanceof Y.Map)) continue;
      const field = yEvent.path[1];
      if (field === undefined) {
        yEvent.changes.keys.forEach((change, key) => {
          const to = record.get(key);
          if (key === 'stageId') {
            changes.stagesShifted = true;
            event(leadId, 'stage_change', {
              from: change.oldValue ?? null,
              to,
              fromName: stageName(change.oldValue),
              toName: stageName(to),
            });
          } else if (TIMELINE_FIELDS.has(key)) {
            fieldChange(leadId, key, change.oldValue, to);
          }
        });
      } else if (field === 'tags' && yEvent.target instanceof Y.Array) {
        fieldChange(leadId, 'tags', null, yEvent.target.toArray());
      } else if (field === 'custom' && yEvent.target instanceof Y.Map) {
        const custom = yEvent.target;
        yEvent.changes.keys.forEach((change, key) => {
          fieldChange(leadId, `custom.${key}`, change.oldValue, custom.get(key));
        });
      }
    }
    for (const [leadId, fields] of fieldChanges) event(leadId, 'field_change', { fields });
  });

  return {
    /** Takes the changes accumulated so far and starts afresh. */
    take(): BoardChanges {
      const taken = changes;
      changes = emptyChanges();
      return taken;
    },
  };
}
