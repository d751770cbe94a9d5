/**
 * @module Product viability: a score from 0 to 100 and a verdict (qualified or rejected) for a
 * scouted product, with every reason listed — pure, so routes, the scout job and the CSV import
 * all judge products the same way.
 *
 * Guardrails first (any failure rejects, whatever the score): the category is on the org's
 * allow-list; no blocked word or brand appears in the title, description or keywords (matched as
 * whole words, ignoring case and accents); the margin is at least the org's minimum (default 40%);
 * the prices are realistic (a positive cost below the price, the price inside the org's range, a
 * markup no wilder than the maximum — a 20× markup usually means a wrong cost or a fake price).
 *
 * The score is the weighted mean of three parts, each 0–100:
 * - conversion potential: demand seen at the source (orders a month, on a log scale: 1,000+ is
 *   full marks), its rating (3★ is 0, 5★ is 100) and an impulse-buy price (full marks up to
 *   `impulsePriceMinor`, none at 5× that);
 * - competition: fewer competing ads is better (none is 100, 1,000+ is 0, log scale);
 * - margin: the org's minimum margin scores 50, `fullMarginPercent` or more scores 100.
 * A missing signal counts as neutral (50) and says so in the reasons.
 * The product qualifies when every guardrail passes and the score reaches `minScore` (70).
 *
 * Interface: `judgeProduct(product, settings)` → `ProductVerdict`; `DEFAULT_VIABILITY_SETTINGS`.
 */

export interface ProductCandidate {
  title: string;
  description: string;
  category: string;
  keywords: string[];
  supplierCostMinor: number;
  marketPriceMinor: number;
  /** Signals the source reported; null or absent when it did not. */
  signals: {
    monthlyOrders?: number | null;
    /** Average rating, 0–5 stars. */
    rating?: number | null;
    /** Active ads found for the same or similar products. */
    competingAds?: number | null;
  };
}

export interface ViabilitySettings {
  minScore: number;
  /** Relative weights (any non-negative integers, at least one positive). */
  weights: { conversionPotential: number; competition: number; margin: number };
  minMarginPercent: number;
  fullMarginPercent: number;
  /** Category slugs the org sells in. */
  allowedCategories: string[];
  /** Words, phrases and brands that reject a product wherever they appear. */
  blockedTerms: string[];
  prices: {
    minMinor: number;
    maxMinor: number;
    /** Price ÷ cost above this (as a percent: 1000 = 10×) is not believed. */
    maxMarkupPercent: number;
    impulsePriceMinor: number;
  };
}

export const DEFAULT_VIABILITY_SETTINGS: Readonly<ViabilitySettings> = Object.freeze({
  minScore: 70,
  weights: { conversionPotential: 40, competition: 30, margin: 30 },
  minMarginPercent: 40,
  fullMarginPercent: 70,
  allowedCategories: [
    'home',
    'kitchen',
    'beauty',
    'fitness',
    'pets',
    'baby',
    'fashion-accessories',
    'electronics-accessories',
    'tools',
    'toys',
    'garden',
    'automotive-accessories',
  ],
  blockedTerms: ['réplica', 'replica', 'falsificado', 'pirata', 'arma', 'cigarro eletrônico'],
  prices: {
    minMinor: 1_000,
    maxMinor: 500_000,
    maxMarkupPercent: 1_000,
    impulsePriceMinor: 20_000,
  },
});

export type ViabilityReason =
  | { code: 'category'; ok: boolean; category: string }
  | { code: 'blocked_term'; ok: false; term: string; field: 'title' | 'description' | 'keywords' }
  | { code: 'margin'; ok: boolean; marginPercent: number; minimumPercent: number }
  | { code: 'cost_below_price'; ok: boolean; costMinor: number; priceMinor: number }
  | { code: 'price_range'; ok: boolean; priceMinor: number; minMinor: number; maxMinor: number }
  | { code: 'markup'; ok: boolean; markupPercent: number; maxMarkupPercent: number }
  | { code: 'conversion_potential'; ok: boolean; score: number; missing: string[] }
  | { code: 'competition'; ok: boolean; score: number; missing: string[] }
  | { code: 'margin_score'; ok: boolean; score: number }
  | { code: 'score'; ok: boolean; score: number; minScore: number };

export interface ProductVerdict {
  status: 'qualified' | 'rejected';
  /** 0–100, rounded to a whole number. */
  score: number;
  parts: { conversionPotential: number; competition: number; margin: number };
  /** Every check, passed or failed, in the order above: guardrails, parts, score. */
  reasons: ViabilityReason[];
}

const NEUTRAL = 50;
const clamp = (value: number) => Math.max(0, Math.min(100, value));

export function judgeProduct(
  product: ProductCandidate,
  settings: ViabilitySettings = DEFAULT_VIABILITY_SETTINGS,
): ProductVerdict {
  const reasons: ViabilityReason[] = [...guardrails(product, settings)];
  const parts = {
    conversionPotential: conversionPotential(product, settings),
    competition: competition(product),
    margin: marginScore(product, settings),
  };
  reasons.push(
    { code: 'conversion_potential', ok: true, ...parts.conversionPotential },
    { code: 'competition', ok: true, ...parts.competition },
    { code: 'margin_score', ok: true, score: parts.margin },
  );
  const { weights } = settings;
  const totalWeight = weights.conversionPotential + weights.competition + weights.margin;
  if (!(totalWeight > 0)) throw new RangeError('At least one viability weight must be positive.');
  const score = Math.round(
    (weights.conversionPotential * parts.conversionPotential.score +
      weights.competition * parts.competition.score +
      weights.margin * parts.margin) /
      totalWeight,
  );
  reasons.push({
    code: 'score',
    ok: score >= settings.minScore,
    score,
    minScore: settings.minScore,
  });
  return {
    status: reasons.every((r) => r.ok) ? 'qualified' : 'rejected',
    score,
    parts: {
      conversionPotential: parts.conversionPotential.score,
      competition: parts.competition.score,
      margin: parts.margin,
    },
    reasons,
  };
}

function guardrails(p: ProductCandidate, s: ViabilitySettings): ViabilityReason[] {
  const reasons: ViabilityReason[] = [];
  const category = normalize(p.category);
  reasons.push({
    code: 'category',
    ok: s.allowedCategories.some((allowed) => normalize(allowed) === category),
    category: p.category,
  });
  const fields = [
    ['title', [words(p.title)]],
    ['description', [words(p.description)]],
    // Each keyword on its own: a phrase must not match across two keywords.
    ['keywords', p.keywords.map(words)],
  ] as const;
  for (const term of s.blockedTerms) {
    const needle = words(term);
    if (needle.trim() === '') continue;
    for (const [field, texts] of fields) {
      if (texts.some((text) => text.includes(needle))) {
        reasons.push({ code: 'blocked_term', ok: false, term, field });
      }
    }
  }
  const cost = p.supplierCostMinor;
  const price = p.marketPriceMinor;
  const costBelowPrice = cost > 0 && cost < price;
  reasons.push({
    code: 'cost_below_price',
    ok: costBelowPrice,
    costMinor: cost,
    priceMinor: price,
  });
  reasons.push({
    code: 'price_range',
    ok: price >= s.prices.minMinor && price <= s.prices.maxMinor,
    priceMinor: price,
    minMinor: s.prices.minMinor,
    maxMinor: s.prices.maxMinor,
  });
  if (costBelowPrice) {
    reasons.push({
      code: 'margin',
      // (price − cost) / price ≥ min%, in integers.
      ok: (price - cost) * 100 >= s.minMarginPercent * price,
      marginPercent: marginPercent(p),
      minimumPercent: s.minMarginPercent,
    });
    reasons.push({
      code: 'markup',
      ok: price * 100 <= s.prices.maxMarkupPercent * cost,
      markupPercent: Math.round((price * 100) / cost),
      maxMarkupPercent: s.prices.maxMarkupPercent,
    });
  }
  return reasons;
}

/** Margin as a percent of the price, to one decimal (for people; the guardrail is exact). */
function marginPercent(p: ProductCandidate): number {
  return Math.round(((p.marketPriceMinor - p.supplierCostMinor) * 1000) / p.marketPriceMinor) / 10;
}

function conversionPotential(p: ProductCandidate, s: ViabilitySettings) {
  const { monthlyOrders: orders, rating: stars } = p.signals;
  const missing: string[] = [];
  if (orders == null) missing.push('monthlyOrders');
  if (stars == null) missing.push('rating');
  const demand = orders == null ? NEUTRAL : clamp((100 * Math.log10(1 + Math.max(0, orders))) / 3);
  const rating = stars == null ? NEUTRAL : clamp(((stars - 3) / 2) * 100);
  const impulse = s.prices.impulsePriceMinor;
  const priceFit = clamp(100 - ((p.marketPriceMinor - impulse) / (4 * impulse)) * 100);
  return { score: Math.round(0.5 * demand + 0.3 * rating + 0.2 * priceFit), missing };
}

function competition(p: ProductCandidate) {
  const ads = p.signals.competingAds;
  if (ads == null) return { score: NEUTRAL, missing: ['competingAds'] };
  return {
    score: Math.round(clamp(100 - (100 * Math.log10(1 + Math.max(0, ads))) / 3)),
    missing: [],
  };
}

function marginScore(p: ProductCandidate, s: ViabilitySettings): number {
  if (p.marketPriceMinor <= 0) return 0;
  const margin = marginPercent(p);
  const span = s.fullMarginPercent - s.minMarginPercent;
  return Math.round(clamp(NEUTRAL + ((margin - s.minMarginPercent) / span) * 50));
}

function normalize(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .trim();
}

/** Text as space-separated words with a space at each end, so phrases match whole words only. */
function words(text: string): string {
  return ` ${normalize(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .join(' ')} `;
}
