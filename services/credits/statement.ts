/**
 * @module Statement lines as people and API clients read them: each ledger entry's reason as its
 * code and parameters (the web words them; `reasonText` is the English for API clients) and what
 * it paid for — the studio generation its hold belongs to, or the product creative that
 * generation made — found through the entry's hold, so the statement links to it.
 */
import { inArray } from 'drizzle-orm';
import { creditReasonText } from '../../domain/credits/entries.ts';
import type { Db } from '../../platform/db.ts';
import { orgScope } from '../../platform/db.ts';
import { creatives } from '../../schema/ads.ts';
import { studioGenerations } from '../../schema/studio.ts';
import { CREATIVE_KEY_PREFIX } from '../ads/creatives.ts';

/** What a line paid for: a generation in the studio, or a creative of a product. */
export type StatementRef =
  | { kind: 'generation'; id: string }
  | { kind: 'creative'; id: string; productId: string };

interface EntryRow {
  kind: string;
  credits: number;
  holdId: string | null;
  reason: string | null;
  meta: Record<string, unknown> | null;
}

export async function statementLines<E extends EntryRow>(db: Db, orgId: string, entries: E[]) {
  const scope = orgScope(orgId);
  const holdIds = [...new Set(entries.map((e) => e.holdId).filter((id) => id !== null))];
  const generations = holdIds.length
    ? await db
        .select({
          id: studioGenerations.id,
          holdId: studioGenerations.holdId,
          modality: studioGenerations.modality,
          idempotencyKey: studioGenerations.idempotencyKey,
        })
        .from(studioGenerations)
        .where(scope.where(studioGenerations, inArray(studioGenerations.holdId, holdIds)))
    : [];
  const creativeIds = generations
    .filter((g) => g.idempotencyKey.startsWith(CREATIVE_KEY_PREFIX))
    .map((g) => g.idempotencyKey.slice(CREATIVE_KEY_PREFIX.length));
  const creativeRows = creativeIds.length
    ? await db
        .select({ id: creatives.id, productId: creatives.productId })
        .from(creatives)
        .where(scope.where(creatives, inArray(creatives.id, creativeIds)))
    : [];
  const generationOfHold = new Map(generations.map((g) => [g.holdId, g]));
  const productOfCreative = new Map(creativeRows.map((c) => [c.id, c.productId]));

  const refOf = (holdId: string | null): StatementRef | null => {
    const generation = holdId ? generationOfHold.get(holdId) : undefined;
    if (!generation) return null;
    const creativeId = generation.idempotencyKey.startsWith(CREATIVE_KEY_PREFIX)
      ? generation.idempotencyKey.slice(CREATIVE_KEY_PREFIX.length)
      : null;
    const productId = creativeId ? productOfCreative.get(creativeId) : undefined;
    return creativeId && productId
      ? { kind: 'creative', id: creativeId, productId }
      : { kind: 'generation', id: generation.id };
  };

  return entries.map(({ meta, ...entry }) => {
    const generation = entry.holdId ? generationOfHold.get(entry.holdId) : undefined;
    const reasonParams: Record<string, string | number> = {
      ...(generation ? { modality: generation.modality } : {}),
      ...(meta?.reasonParams as Record<string, string | number> | undefined),
    };
    return {
      ...entry,
      reasonParams,
      reasonText: entry.reason
        ? creditReasonText(entry.reason, { credits: entry.credits, ...reasonParams })
        : null,
      ref: refOf(entry.holdId),
    };
  });
}
