/**
 * @module Products in D1: adding them (by hand, CSV or scout, one path for all), judging them with
 * the org's viability rules, and how the API shows them. A verdict is stored whole — score, parts
 * and every reason — so the list can say why without judging again.
 */
import { eq, inArray } from 'drizzle-orm';
import {
  DEFAULT_VIABILITY_SETTINGS,
  judgeProduct,
  type ProductVerdict,
  type ViabilitySettings,
} from '../../domain/ads/viability.ts';
import { newId } from '../../domain/ids.ts';
import { type Db, orgScope } from '../../platform/db.ts';
import { adsSettings, type ProductSignals, products } from '../../schema/ads.ts';
import type { ProductInput, ViabilitySettingsInput } from '../../schema/inputs/products.ts';

export type Product = typeof products.$inferSelect;

/** The defaults with the org's stored overrides, group by group. */
export function viabilitySettings(overrides: ViabilitySettingsInput = {}): ViabilitySettings {
  const d = DEFAULT_VIABILITY_SETTINGS;
  return {
    minScore: overrides.minScore ?? d.minScore,
    weights: { ...d.weights, ...overrides.weights },
    minMarginPercent: overrides.minMarginPercent ?? d.minMarginPercent,
    fullMarginPercent: overrides.fullMarginPercent ?? d.fullMarginPercent,
    allowedCategories: overrides.allowedCategories ?? [...d.allowedCategories],
    blockedTerms: overrides.blockedTerms ?? [...d.blockedTerms],
    prices: { ...d.prices, ...overrides.prices },
  };
}

export async function loadViabilitySettings(db: Db, orgId: string): Promise<ViabilitySettings> {
  const row = await db
    .select({ viability: adsSettings.viability })
    .from(adsSettings)
    .where(orgScope(orgId).where(adsSettings))
    .get();
  return viabilitySettings((row?.viability ?? {}) as ViabilitySettingsInput);
}

export function judgeRow(
  product: Pick<
    Product,
    | 'title'
    | 'description'
    | 'category'
    | 'keywords'
    | 'supplierCostMinor'
    | 'marketPriceMinor'
    | 'signals'
  >,
  settings: ViabilitySettings,
): ProductVerdict {
  return judgeProduct(
    {
      title: product.title,
      description: product.description,
      category: product.category,
      keywords: product.keywords,
      supplierCostMinor: product.supplierCostMinor,
      marketPriceMinor: product.marketPriceMinor,
      signals: product.signals,
    },
    settings,
  );
}

/** The columns a verdict of the rules sets; it replaces any earlier hand decision. */
export const verdictColumns = (verdict: ProductVerdict, now: Date) => ({
  status: verdict.status,
  score: verdict.score,
  scoreParts: verdict.parts,
  reasons: verdict.reasons,
  judgedAt: now,
  decidedBy: null,
  decisionNote: null,
  updatedAt: now,
});

export interface NewProduct {
  product: Omit<ProductInput, 'signals' | 'currency'> & {
    signals: ProductSignals;
    currency: string;
  };
  source: string;
  sourceRef?: string | null;
}

/**
 * Inserts products for one org, judged at once when `settings` is given (else left scouted).
 * A product whose (source, sourceRef) the org already has is skipped, not duplicated: returns
 * the ids of those inserted, in order.
 */
export async function addProducts(
  db: Db,
  orgId: string,
  items: NewProduct[],
  options: { createdBy: string | null; settings: ViabilitySettings | null },
): Promise<{ inserted: Product[]; skipped: number }> {
  const now = new Date();
  const rows = items.map(({ product, source, sourceRef }) => {
    const base = {
      id: newId(),
      orgId,
      ...product,
      source,
      sourceRef: sourceRef ?? null,
      createdBy: options.createdBy,
      createdAt: now,
      updatedAt: now,
    };
    return options.settings
      ? { ...base, ...verdictColumns(judgeRow(base, options.settings), now) }
      : { ...base, status: 'scouted' as const };
  });
  // D1 caps bound parameters per statement; four rows of 23 columns stay under its 100.
  const inserted: Product[] = [];
  for (let i = 0; i < rows.length; i += 4) {
    const chunk = rows.slice(i, i + 4);
    inserted.push(...(await db.insert(products).values(chunk).onConflictDoNothing().returning()));
  }
  return { inserted, skipped: rows.length - inserted.length };
}

export async function findProduct(db: Db, orgId: string, id: string) {
  return db
    .select()
    .from(products)
    .where(orgScope(orgId).where(products, eq(products.id, id)))
    .get();
}

/** A product as the API shows it: the verdict grouped, the hand decision beside it. */
export function productView(p: Product) {
  const marginPercent =
    p.marketPriceMinor > 0
      ? Math.round(((p.marketPriceMinor - p.supplierCostMinor) * 1000) / p.marketPriceMinor) / 10
      : null;
  return {
    id: p.id,
    title: p.title,
    description: p.description,
    images: p.images,
    supplierCostMinor: p.supplierCostMinor,
    marketPriceMinor: p.marketPriceMinor,
    currency: p.currency,
    marginPercent,
    category: p.category,
    keywords: p.keywords,
    source: p.source,
    sourceRef: p.sourceRef,
    signals: p.signals,
    status: p.status,
    verdict: p.judgedAt
      ? {
          score: p.score,
          parts: p.scoreParts,
          reasons: p.reasons ?? [],
          judgedAt: p.judgedAt.toISOString(),
        }
      : null,
    decision: p.decidedBy ? { by: p.decidedBy, note: p.decisionNote, status: p.status } : null,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt?.toISOString() ?? null,
  };
}
