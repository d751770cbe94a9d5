/**
 * The board document seen through Solid signals. Leads are re-read only when their own record
 * changed (the document reports which), so a keystroke in one note does not rebuild 10,000
 * cards; unchanged leads keep their object identity and their cards do not re-render.
 * Changes from peers are applied once per animation frame; local ones at once (`flush`), so a
 * dropped card is already in place when the drag preview goes away.
 */
import { batch, createSignal } from 'solid-js';
import type * as Y from 'yjs';
import {
  type BoardInfo,
  boardMap,
  type Lead,
  leadsMap,
  readBoardInfo,
  readLead,
  readStages,
  type Stage,
  stagesMap,
} from '../../../../domain/pipeline/board-doc.ts';

export interface BoardStore {
  info: () => BoardInfo;
  stages: () => Stage[];
  /** Bumps whenever any lead changed; read it to depend on "the leads". */
  leadsVersion: () => number;
  /** Reactive: re-runs on lead changes, but an unchanged lead is the same object, so its card stays. */
  lead(id: string): Lead | undefined;
  leads(): IterableIterator<Lead>;
  /** Applies pending document changes now. */
  flush(): void;
  dispose(): void;
}

export function createBoardStore(doc: Y.Doc): BoardStore {
  const leads = new Map<string, Lead>();
  const [info, setInfo] = createSignal(readBoardInfo(doc));
  const [stages, setStages] = createSignal(readStages(doc));
  const [leadsVersion, setLeadsVersion] = createSignal(0);

  const dirtyLeads = new Set<string>();
  let allLeadsDirty = true;
  let stagesDirty = false;
  let infoDirty = false;
  let frame = 0;

  const flush = () => {
    cancelAnimationFrame(frame);
    frame = 0;
    batch(() => {
      if (infoDirty) setInfo(readBoardInfo(doc));
      // A removed stage re-homes its orphans in the reading, so every lead is re-read then.
      if (stagesDirty) {
        setStages(readStages(doc));
        allLeadsDirty = true;
      }
      if (allLeadsDirty) {
        leads.clear();
        leadsMap(doc).forEach((_, id) => {
          const lead = readLead(doc, id);
          if (lead) leads.set(id, lead);
        });
      } else {
        for (const id of dirtyLeads) {
          const lead = readLead(doc, id);
          if (lead) leads.set(id, lead);
          else leads.delete(id);
        }
      }
      if (allLeadsDirty || dirtyLeads.size > 0) setLeadsVersion((v) => v + 1);
      dirtyLeads.clear();
      allLeadsDirty = stagesDirty = infoDirty = false;
    });
  };
  const schedule = () => {
    if (!frame) frame = requestAnimationFrame(flush);
  };

  const onLeads = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
    for (const event of events) {
      if (event.path.length === 0)
        for (const id of (event as Y.YMapEvent<unknown>).keysChanged) dirtyLeads.add(id);
      else dirtyLeads.add(String(event.path[0]));
    }
    schedule();
  };
  const onStages = () => {
    stagesDirty = true;
    schedule();
  };
  const onInfo = () => {
    infoDirty = true;
    schedule();
  };
  leadsMap(doc).observeDeep(onLeads);
  stagesMap(doc).observeDeep(onStages);
  boardMap(doc).observe(onInfo);
  flush();

  return {
    info,
    stages,
    leadsVersion,
    lead: (id) => {
      leadsVersion();
      return leads.get(id);
    },
    leads: () => leads.values(),
    flush,
    dispose() {
      cancelAnimationFrame(frame);
      leadsMap(doc).unobserveDeep(onLeads);
      stagesMap(doc).unobserveDeep(onStages);
      boardMap(doc).unobserve(onInfo);
    },
  };
}
