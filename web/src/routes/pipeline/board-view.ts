/**
 * What the Kanban shows, computed from the board's leads: the filter, each column's cards in
 * order with count, total and weighted value, the WIP warning and the rotting mark. Pure, so the
 * rules are tested without a browser and recomputed cheaply for 10,000 leads.
 */
import type { Lead, Stage } from '../../../../domain/pipeline/board-doc.ts';

export interface BoardFilter {
  ownerId: string | null;
  tag: string | null;
  scoreMin: number;
  scoreMax: number;
  text: string;
}

export const NO_FILTER: BoardFilter = {
  ownerId: null,
  tag: null,
  scoreMin: 0,
  scoreMax: 100,
  text: '',
};

export function isFiltering(filter: BoardFilter): boolean {
  return (
    filter.ownerId !== null ||
    filter.tag !== null ||
    filter.scoreMin > 0 ||
    filter.scoreMax < 100 ||
    filter.text.trim() !== ''
  );
}

/** Case- and accent-insensitive, so "joao" finds "João". */
/**
 * How many of the filters that fold away on a phone are on (owner, tag, the score range as one):
 * the count on the "Filtros" button. The text search is left out: it stays in view.
 */
export function foldedFilterCount(filter: BoardFilter): number {
  const scoreRange = filter.scoreMin > 0 || filter.scoreMax < 100;
  return [filter.ownerId !== null, filter.tag !== null, scoreRange].filter(Boolean).length;
}

export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

export function leadMatches(
  lead: Lead,
  filter: BoardFilter,
  foldedQuery = foldText(filter.text.trim()),
): boolean {
  if (filter.ownerId !== null && lead.ownerId !== filter.ownerId) return false;
  if (filter.tag !== null && !lead.tags.includes(filter.tag)) return false;
  if (lead.score < filter.scoreMin || lead.score > filter.scoreMax) return false;
  if (foldedQuery === '') return true;
  return foldText(`${lead.name} ${lead.company} ${lead.email} ${lead.phone}`).includes(foldedQuery);
}

export interface Column {
  stage: Stage;
  /** Every card of the stage in card order (for positions in the document). */
  allIds: string[];
  /** The cards that pass the filter, in card order (what the column shows). */
  ids: string[];
  /** Sums over the shown cards, in minor units. */
  totalValue: number;
  weightedValue: number;
  /** More cards than the stage's WIP limit allows. */
  overWip: boolean;
}

export function compareByRank(a: Lead, b: Lead): number {
  if (a.rank !== b.rank) return a.rank < b.rank ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Columns in stage order; leads whose stage is unknown are left out (the doc re-homes them). */
export function buildColumns(
  stages: Stage[],
  leads: Iterable<Lead>,
  filter: BoardFilter,
): Column[] {
  const byStage = new Map<string, Lead[]>(stages.map((stage) => [stage.id, []]));
  for (const lead of leads) byStage.get(lead.stageId)?.push(lead);
  const query = foldText(filter.text.trim());
  return stages.map((stage) => {
    const cards = byStage.get(stage.id)!.sort(compareByRank);
    const ids: string[] = [];
    let totalValue = 0;
    for (const lead of cards) {
      if (!leadMatches(lead, filter, query)) continue;
      ids.push(lead.id);
      totalValue += lead.value;
    }
    return {
      stage,
      allIds: cards.map((lead) => lead.id),
      ids,
      totalValue,
      weightedValue: Math.round((totalValue * stage.probability) / 100),
      overWip: stage.wipLimit !== null && cards.length > stage.wipLimit,
    };
  });
}

const DAY_MS = 24 * 3600 * 1000;

/** Idle longer than the stage allows: no stage change and no edit for `rottingDays`. */
export function isRotting(lead: Lead, stage: Stage | undefined, now: number): boolean {
  if (!stage || stage.rottingDays === null) return false;
  const lastTouch = Math.max(Date.parse(lead.stageEnteredAt) || 0, Date.parse(lead.updatedAt) || 0);
  return now - lastTouch > stage.rottingDays * DAY_MS;
}

/**
 * The document index for a drop at `shownIndex` among the shown (filtered) cards: right before
 * the shown card now at that spot, or right after the last shown card. Both lists exclude the
 * card being moved.
 */
export function documentIndex(allIds: string[], shownIds: string[], shownIndex: number): number {
  const next = shownIds[shownIndex];
  if (next !== undefined) return allIds.indexOf(next);
  const previous = shownIds[shownIds.length - 1];
  return previous === undefined ? allIds.length : allIds.indexOf(previous) + 1;
}

/** Every tag and owner on the board, for the filter menus. */
export function facets(leads: Iterable<Lead>): { tags: string[]; ownerIds: string[] } {
  const tags = new Set<string>();
  const owners = new Set<string>();
  for (const lead of leads) {
    for (const tag of lead.tags) tags.add(tag);
    if (lead.ownerId) owners.add(lead.ownerId);
  }
  return { tags: [...tags].sort(), ownerIds: [...owners] };
}
