/**
 * @module Lead scoring: a board's rules turn a lead into a 0–100 score and the list of reasons
 * behind it, so a seller can see why a lead is hot. Points add up (rules may subtract), and the
 * sum is clamped to 0–100; the explanation says so when it was.
 */
import { foldText } from './similarity.ts';

export const SCORED_FIELDS = [
  'email',
  'phone',
  'company',
  'value',
  'ownerId',
  'nextActivityAt',
  'tags',
] as const;
export type ScoredField = (typeof SCORED_FIELDS)[number];

export const CUSTOM_OPERATORS = ['filled', 'equals', 'contains', 'gte', 'lte'] as const;
export type CustomOperator = (typeof CUSTOM_OPERATORS)[number];

export interface CustomRule {
  field: string;
  op: CustomOperator;
  value?: string | number | boolean;
  points: number;
}

export interface ScoringRules {
  /** Points per lead source, matched without case or accents ("Indicação" = "indicacao"). */
  sources: Record<string, number>;
  /** Points when a field is filled. */
  fields: Partial<Record<ScoredField, number>>;
  /** Points by days since the lead last changed: the first band it falls in counts. */
  recency: { withinDays: number; points: number }[];
  /** Points for values of the board's custom fields. */
  custom: CustomRule[];
}

/** What a board scores by until someone changes it: at most 100 points in all. */
export const DEFAULT_SCORING_RULES: ScoringRules = {
  sources: {
    indicacao: 30,
    referral: 30,
    site: 20,
    website: 20,
    whatsapp: 20,
    google: 15,
    instagram: 15,
    facebook: 10,
    import: 5,
  },
  fields: { phone: 15, email: 10, company: 10, value: 15 },
  recency: [
    { withinDays: 3, points: 20 },
    { withinDays: 14, points: 10 },
    { withinDays: 30, points: 5 },
  ],
  custom: [],
};

export interface ScoredLead {
  source?: string | null;
  email?: string | null;
  phone?: string | null;
  company?: string | null;
  value?: number | null;
  ownerId?: string | null;
  nextActivityAt?: string | null;
  tags?: readonly string[] | null;
  custom?: Record<string, string | number | boolean | null | undefined> | null;
  /** ISO time of the lead's last change. */
  updatedAt?: string | null;
}

export type ScoreReason =
  | { code: 'source'; source: string; points: number }
  | { code: 'field'; field: ScoredField; points: number }
  | { code: 'recency'; days: number; withinDays: number; points: number }
  | {
      code: 'custom';
      field: string;
      op: CustomOperator;
      value?: string | number | boolean;
      points: number;
    }
  | { code: 'clamped'; total: number; score: number };

export interface LeadScore {
  score: number;
  reasons: ScoreReason[];
}

const DAY_MS = 86_400_000;

const isFilled = (value: unknown) =>
  value !== null &&
  value !== undefined &&
  !(typeof value === 'string' && value.trim() === '') &&
  !(Array.isArray(value) && value.length === 0) &&
  !(typeof value === 'number' && value === 0);

function customMatches(rule: CustomRule, actual: unknown): boolean {
  if (rule.op === 'filled') return isFilled(actual);
  if (actual === null || actual === undefined || actual === '') return false;
  switch (rule.op) {
    case 'equals':
      return typeof rule.value === 'string'
        ? foldText(String(actual)) === foldText(rule.value)
        : actual === rule.value || String(actual) === String(rule.value);
    case 'contains':
      return foldText(String(actual)).includes(foldText(String(rule.value ?? '')));
    case 'gte':
    case 'lte': {
      const a = Number(actual);
      const b = Number(rule.value);
      if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
      return rule.op === 'gte' ? a >= b : a <= b;
    }
  }
}

export function scoreLead(lead: ScoredLead, rules: ScoringRules, now: Date): LeadScore {
  const reasons: ScoreReason[] = [];
  const source = foldText(lead.source);
  if (source) {
    const match = Object.entries(rules.sources).find(([name]) => foldText(name) === source);
    if (match) reasons.push({ code: 'source', source: lead.source!, points: match[1] });
  }
  for (const field of SCORED_FIELDS) {
    const points = rules.fields[field];
    if (points && isFilled(lead[field])) reasons.push({ code: 'field', field, points });
  }
  const updated = lead.updatedAt ? Date.parse(lead.updatedAt) : Number.NaN;
  if (Number.isFinite(updated)) {
    const days = Math.max(0, Math.floor((now.getTime() - updated) / DAY_MS));
    const band = [...rules.recency]
      .sort((a, b) => a.withinDays - b.withinDays)
      .find((b) => days <= b.withinDays);
    if (band)
      reasons.push({ code: 'recency', days, withinDays: band.withinDays, points: band.points });
  }
  for (const rule of rules.custom) {
    if (customMatches(rule, lead.custom?.[rule.field])) reasons.push({ code: 'custom', ...rule });
  }
  const total = reasons.reduce((sum, r) => sum + ('points' in r ? r.points : 0), 0);
  const score = Math.max(0, Math.min(100, Math.round(total)));
  if (score !== total) reasons.push({ code: 'clamped', total, score });
  return { score, reasons };
}
