/**
 * @module Creatives for a product, generated through the studio so credits are held and charged
 * exactly as for any generation: one studio generation per creative (5 headlines, a body text in
 * each of 3 styles, 3 calls to action, and images).
 *
 * Each creative row is written first, as a draft, and its generation is requested under the
 * idempotency key `creative:<creative id>`; when the generation's job ends, the generation queue
 * calls `settleCreativeOf`, which finds the creative from that key (so there is no window where a
 * fast job finishes before the row knows its generation) and marks it ready or failed. Creative
 * ids derive from the client's Idempotency-Key, so a repeated request makes no twins and holds
 * credits once.
 */

import { and, eq } from 'drizzle-orm';
import type { CreativeKind, CreativeStyle } from '../../domain/ads/vocabulary.ts';
import { sha256Hex } from '../../domain/ids.ts';
import { type Db, database, orgScope } from '../../platform/db.ts';
import type { Env } from '../../platform/env.ts';
import type { RequestOrigin } from '../../platform/principal.ts';
import { actorId, type OrgPrincipal } from '../../platform/principal.ts';
import { Problem } from '../../platform/problem.ts';
import { creatives, type products } from '../../schema/ads.ts';
import type { GenerationInput } from '../../schema/inputs/studio.ts';
import { studioGenerations } from '../../schema/studio.ts';
import { ledgerOf } from '../credits/ledger-client.ts';
import { requestGeneration } from '../studio/generations.ts';
import { planGeneration } from '../studio/plan.ts';

type Product = typeof products.$inferSelect;
export type Creative = typeof creatives.$inferSelect;
export type CreativeLocale = 'pt-BR' | 'en';

export const CREATIVE_KEY_PREFIX = 'creative:';

export interface CreativeCounts {
  headlines: number;
  ctas: number;
  images: number;
}

interface Slot {
  kind: CreativeKind;
  style: CreativeStyle | null;
  index: number;
  input: GenerationInput;
}

const ANGLES = {
  'pt-BR': ['Oferta', 'Praticidade', 'Novidade', 'Presente ideal', 'Qualidade'],
  en: ['Deal', 'Convenience', 'New', 'Perfect gift', 'Quality'],
} as const;

const INSTRUCTIONS = {
  'pt-BR': {
    headline: 'Você escreve títulos de anúncio curtos (até 40 caracteres), sem aspas.',
    body: {
      informative: 'Escreva o texto principal de um anúncio, informativo: benefícios e detalhes.',
      urgency: 'Escreva o texto principal de um anúncio com urgência: estoque e tempo limitados.',
      social_proof:
        'Escreva o texto principal de um anúncio com prova social: clientes satisfeitos.',
    },
    cta: 'Você escreve chamadas para ação curtas (até 25 caracteres), sem aspas.',
    image: 'Foto de produto para anúncio, fundo limpo, luz de estúdio, sem texto:',
  },
  en: {
    headline: 'You write short ad headlines (at most 40 characters), without quotes.',
    body: {
      informative: 'Write an ad’s primary text, informative: benefits and details.',
      urgency: 'Write an ad’s primary text with urgency: limited stock and time.',
      social_proof: 'Write an ad’s primary text with social proof: happy customers.',
    },
    cta: 'You write short calls to action (at most 25 characters), without quotes.',
    image: 'Product photo for an ad, clean background, studio light, no text:',
  },
} as const;

const STYLES: CreativeStyle[] = ['informative', 'urgency', 'social_proof'];

/** The generations a request makes, in a fixed order (the order creative ids derive from). */
export function creativeSlots(
  product: Pick<Product, 'title' | 'description'>,
  counts: CreativeCounts,
  locale: CreativeLocale,
): Slot[] {
  const say = INSTRUCTIONS[locale];
  const about = locale === 'pt-BR' ? 'sobre' : 'about';
  const subject = `${product.title}. ${product.description}`.slice(0, 1500);
  const text = (system: string, prompt: string, maxTokens: number): GenerationInput => ({
    modality: 'text',
    prompt,
    params: { system, maxTokens },
  });
  const slots: Slot[] = [];
  for (let i = 0; i < counts.headlines; i++) {
    const angle = ANGLES[locale][i % ANGLES[locale].length];
    slots.push({
      kind: 'headline',
      style: null,
      index: i,
      input: text(say.headline, `${about} ${angle}: ${subject}`, 40),
    });
  }
  STYLES.forEach((style, i) => {
    slots.push({
      kind: 'body',
      style,
      index: i,
      input: text(say.body[style], `${about} ${subject}`, 300),
    });
  });
  for (let i = 0; i < counts.ctas; i++)
    slots.push({
      kind: 'cta',
      style: null,
      index: i,
      input: text(say.cta, `${about} ${ANGLES[locale][i % 5]} ${product.title}`, 24),
    });
  for (let i = 0; i < counts.images; i++)
    slots.push({
      kind: 'image',
      style: null,
      index: i,
      input: {
        modality: 'image',
        prompt: `${say.image} ${product.title} (${i + 1})`,
        params: { size: '1024x1024' },
      },
    });
  return slots;
}

/** A UUID (v8 layout) from a hash, so the same request names the same creatives. */
async function derivedId(seed: string): Promise<string> {
  const hex = await sha256Hex(seed);
  const variant = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export interface GenerateCreativesRequest {
  env: Env;
  db: Db;
  c: RequestOrigin | null;
  who: OrgPrincipal;
  product: Product;
  counts: CreativeCounts;
  locale: CreativeLocale;
  /** The client's Idempotency-Key, or a fresh one. */
  requestKey: string;
}

/**
 * Writes the draft creatives and requests their generations. Refuses with 402 (writing nothing)
 * when the org cannot cover every generation's hold; a hold refused later (another spend got
 * there first) fails that creative and the ones after it, and says why on each.
 */
export async function generateCreatives(request: GenerateCreativesRequest): Promise<Creative[]> {
  const { env, db, c, who, product, counts, locale, requestKey } = request;
  const orgId = product.orgId;
  const scope = orgScope(orgId);
  const slots = creativeSlots(product, counts, locale);
  const ids = await Promise.all(
    slots.map((s) =>
      derivedId(`${orgId}|${product.id}|${requestKey}|${s.kind}|${s.style}|${s.index}`),
    ),
  );
  const existing = await db
    .select({ id: creatives.id })
    .from(creatives)
    .where(scope.where(creatives, eq(creatives.productId, product.id)));
  const known = new Set(existing.map((r) => r.id));
  if (!ids.every((id) => known.has(id))) {
    const now = new Date();
    const plans = await Promise.all(slots.map((s) => planGeneration(env, db, orgId, s.input, now)));
    const needed = plans.reduce((sum, p) => sum + p.creditsToHold, 0);
    const { available } = await ledgerOf(env, orgId).balance();
    if (needed > available)
      throw new Problem(
        402,
        'Insufficient credits',
        `These creatives need ${needed} credits; ${available} are available.`,
        [],
        {},
        { missing: needed - available, available, needed },
      );
  }
  const createdBy = actorId(who);
  for (let i = 0; i < slots.length; i += 5) {
    await db
      .insert(creatives)
      .values(
        slots.slice(i, i + 5).map((slot, j) => ({
          id: ids[i + j]!,
          orgId,
          productId: product.id,
          kind: slot.kind,
          style: slot.style,
          status: 'draft' as const,
          createdBy,
        })),
      )
      .onConflictDoNothing();
  }
  const ledger = ledgerOf(env, orgId);
  let refusal: string | null = null;
  for (const [i, slot] of slots.entries()) {
    const id = ids[i]!;
    if (refusal) {
      await failCreative(db, orgId, id, refusal);
      continue;
    }
    try {
      const { generation } = await requestGeneration({
        env,
        db,
        c,
        who,
        orgId,
        input: slot.input,
        idempotencyKey: `${CREATIVE_KEY_PREFIX}${id}`,
        ledger,
      });
      await db
        .update(creatives)
        .set({ generationId: generation.id })
        .where(scope.where(creatives, eq(creatives.id, id)));
    } catch (err) {
      if (!(err instanceof Problem) || err.status !== 402) throw err;
      refusal = err.detail ?? 'Not enough credits.';
      await failCreative(db, orgId, id, refusal);
    }
  }
  return db
    .select()
    .from(creatives)
    .where(scope.where(creatives, eq(creatives.productId, product.id)))
    .then((rows) => ids.map((id) => rows.find((r) => r.id === id)!).filter(Boolean));
}

const failCreative = (db: Db, orgId: string, id: string, error: string) =>
  db
    .update(creatives)
    .set({ status: 'failed', error, updatedAt: new Date() })
    .where(orgScope(orgId).where(creatives, eq(creatives.id, id), eq(creatives.status, 'draft')));

/** The first meaningful line of a generated text, without decoration, at most `max` characters. */
export function firstLine(text: string, max: number): string {
  const line =
    text
      .split('\n')
      .map((l) =>
        l
          // Emoji, bullets and numbering before the text ("✨ ", "1. ", "- ").
          .replace(/^(?:[\s#*\-–•\d.)]|\p{Extended_Pictographic}|\uFE0F)+/u, '')
          .replace(/^["'“”]+|["'“”]+$/g, '')
          .trim(),
      )
      .find((l) => l.length > 0) ?? '';
  if (line.length <= max) return line;
  const cut = line.slice(0, max + 1);
  const space = cut.lastIndexOf(' ');
  return (space > max / 2 ? cut.slice(0, space) : cut.slice(0, max)).replace(/[\s,;:–-]+$/, '');
}

const TEXT_LIMITS: Record<Exclude<CreativeKind, 'image'>, number> = {
  headline: 40,
  body: 2000,
  cta: 25,
};

/**
 * Called when a generation's job has ended (done, or failed for good): the creative it was made
 * for becomes ready with the output, or failed with the reason. A generation made in the studio
 * for anything else is left alone. Only a draft changes, so replays do nothing more.
 */
export async function settleCreativeOf(
  env: Env,
  orgId: string,
  generationId: string,
  error: string | null,
): Promise<void> {
  const db = database(env.DB);
  const scope = orgScope(orgId);
  const generation = await db
    .select()
    .from(studioGenerations)
    .where(scope.where(studioGenerations, eq(studioGenerations.id, generationId)))
    .get();
  if (!generation?.idempotencyKey.startsWith(CREATIVE_KEY_PREFIX)) return;
  const creativeId = generation.idempotencyKey.slice(CREATIVE_KEY_PREFIX.length);
  const creative = await db
    .select()
    .from(creatives)
    .where(scope.where(creatives, eq(creatives.id, creativeId)))
    .get();
  if (creative?.status !== 'draft') return;
  const draftOnly = and(eq(creatives.id, creativeId), eq(creatives.status, 'draft'));
  const now = new Date();
  if (!generation.checkpointedAt) {
    await db
      .update(creatives)
      .set({
        status: 'failed',
        generationId,
        error: error ?? 'The generation failed.',
        updatedAt: now,
      })
      .where(scope.where(creatives, draftOnly));
    return;
  }
  const media =
    creative.kind === 'image'
      ? { mediaKey: generation.outputKey, mediaMime: generation.outputMime }
      : {
          text:
            creative.kind === 'body'
              ? (generation.outputText ?? '').trim().slice(0, TEXT_LIMITS.body)
              : firstLine(generation.outputText ?? '', TEXT_LIMITS[creative.kind]),
        };
  await db
    .update(creatives)
    .set({ status: 'ready', generationId, error: null, ...media, updatedAt: now })
    .where(scope.where(creatives, draftOnly));
}

export function creativeView(c: Creative) {
  return {
    id: c.id,
    productId: c.productId,
    kind: c.kind,
    style: c.style,
    text: c.text,
    media: c.mediaKey ? { mimeType: c.mediaMime, url: `/api/v1/creatives/${c.id}/media` } : null,
    status: c.status,
    generationId: c.generationId,
    error: c.error,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt?.toISOString() ?? null,
  };
}
