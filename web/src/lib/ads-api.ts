/**
 * The ads API as the web sees it: products and their verdicts, creatives, campaigns, the
 * autopilot's decisions and settings, insights and daily reports. Shapes mirror the Worker's
 * views (worker/services/products/catalog.ts `productView`, services/creatives.ts, routes/
 * autopilot.ts, routes/ad-reports.ts); only the fields the pages read are typed.
 */
import type { CampaignDraft } from '../../../domain/ads/campaign-doc.ts';
import type { ViabilityReason } from '../../../domain/ads/viability.ts';
import type { ProductStatus } from '../../../domain/ads/vocabulary.ts';
import type { DecisionStatus } from '../../../domain/autopilot/decision.ts';
import type { AutopilotSettings } from '../../../domain/autopilot/settings.ts';
import { api, type FieldError } from './api.ts';
import type { Page } from './paged-list.ts';

export interface Product {
  id: string;
  title: string;
  description: string;
  images: string[];
  supplierCostMinor: number;
  marketPriceMinor: number;
  currency: string;
  marginPercent: number | null;
  category: string;
  keywords: string[];
  source: string;
  status: ProductStatus;
  verdict: {
    score: number | null;
    parts: { conversionPotential: number; competition: number; margin: number } | null;
    reasons: ViabilityReason[];
    judgedAt: string;
  } | null;
  decision: { by: string; note: string | null; status: ProductStatus } | null;
  createdAt: string;
}

export type CreativeKind = 'headline' | 'body' | 'cta' | 'image';
export type CreativeStyle = 'informative' | 'urgency' | 'social_proof';

export interface Creative {
  id: string;
  productId: string;
  kind: CreativeKind;
  style: CreativeStyle | null;
  text: string | null;
  media: { mimeType: string | null; url: string } | null;
  status: 'draft' | 'ready' | 'failed';
  error: string | null;
  createdAt: string;
}

export type CampaignStatus = 'draft' | 'publishing' | 'active' | 'paused' | 'error';

export interface Campaign {
  id: string;
  name: string;
  productId: string | null;
  platform: string;
  objective: string;
  status: CampaignStatus;
  currency: string;
  error: string | null;
  publishJobId: string | null;
  publishedAt: string | null;
  createdAt: string;
  adSets?: {
    id: string;
    name: string;
    dailyBudgetMinor: number;
    initialBudgetMinor: number;
    status: CampaignStatus;
  }[];
}

export interface MetricTotals {
  impressions: number;
  clicks: number;
  spendMinor: number;
  conversions: number;
  revenueMinor: number;
}

type DerivedMetrics = Record<'ctr' | 'cpc' | 'cvr' | 'cpa' | 'roas' | 'aov', number | null>;

export interface RuleCheck {
  rule: 'impressions' | 'hours_live' | 'spend' | 'roas' | 'ctr' | 'cvr' | 'cpa';
  passed: boolean;
  value: number | null;
  threshold: number | null;
}

export type AutopilotAction =
  | { type: 'hold' }
  | { type: 'pause'; reason: string }
  | { type: 'resume'; reason: string }
  | { type: 'set_budget'; reason: string; fromMinor: number; toMinor: number }
  | { type: 'request_creatives'; count: number };

export interface Decision {
  id: string;
  key: string;
  cycle: 'decide' | 'caps';
  windowStart: string;
  entityKind: 'ad_set' | 'ad';
  entityId: string;
  adSetId: string;
  campaignId: string;
  verdict: string;
  actionType: AutopilotAction['type'];
  action: AutopilotAction;
  reasons: string[];
  inputs: {
    hoursLive: number;
    judgedTotals: MetricTotals;
    metrics: DerivedMetrics;
    checks: RuleCheck[];
    dailyBudgetMinor?: number;
    initialDailyBudgetMinor?: number;
    orgSpend?: { todayMinor: number; weekMinor: number };
  };
  thresholds: Record<string, unknown>;
  expected: {
    status: 'active' | 'paused';
    dailyBudgetMinor: number | null;
    dailySpendChangeMinor: number;
    rollbackBelowRoas?: number | null;
    creativesRequested?: number;
  };
  ruleVersion: string;
  mode: 'DRY_RUN' | 'APPROVAL' | 'AUTO';
  requiresApproval: boolean;
  status: DecisionStatus;
  decidedBy: string;
  reviewedAt: string | null;
  executedAt: string | null;
  error: string | null;
  createdAt: string;
}

export type AutopilotSettingsView = AutopilotSettings & { timeZone: string; ruleVersion: string };

export interface InsightPoint {
  start: string;
  totals: MetricTotals;
  metrics: DerivedMetrics;
}

export interface CampaignInsights {
  currency: string;
  granularity: 'hour' | 'day';
  points: InsightPoint[];
  totals: MetricTotals;
  metrics: DerivedMetrics;
}

export interface DailyReport {
  date: string;
  currency: string;
  totals: MetricTotals & { roas: number | null; orders: number };
  details: Record<string, unknown>;
  links: { html: string; csv: string };
}

export const productsApi = {
  list: (query: { status?: string; q?: string; cursor?: string | null }) =>
    api<Page<Product>>('/products', { query: { ...query, limit: 50 } }),
  get: (id: string) => api<Product>(`/products/${id}`),
  create: (body: unknown) => api<Product>('/products', { method: 'POST', body }),
  importCsv: (csv: string) =>
    api<{
      imported: number;
      skipped: number;
      errors: (FieldError & { line: number })[];
    }>('/products/import', { method: 'POST', body: { csv } }),
  scout: (body: { query?: string; limit?: number }) =>
    api<{ jobId: string }>('/products/scout', { method: 'POST', body }),
  qualify: (id: string) => api<Product>(`/products/${id}/qualify`, { method: 'POST' }),
  decide: (id: string, verdict: 'approve' | 'reject', note?: string) =>
    api<Product>(`/products/${id}/${verdict}`, {
      method: 'POST',
      body: note ? { note } : {},
    }),
  creatives: (id: string) => api<{ items: Creative[] }>(`/products/${id}/creatives`),
  generateCreatives: (id: string, locale: string, key: string) =>
    api<{ items: Creative[] }>(`/products/${id}/creatives/generate`, {
      method: 'POST',
      body: { locale },
      headers: { 'idempotency-key': key },
    }),
  editCreative: (id: string, text: string) =>
    api<Creative>(`/creatives/${id}`, { method: 'PATCH', body: { text } }),
};

export const campaignsApi = {
  list: (cursor?: string | null) =>
    api<Page<Campaign>>('/campaigns', { query: { cursor, limit: 50 } }),
  get: (id: string) => api<Campaign>(`/campaigns/${id}`),
  create: (body: { name: string; productId: string | null; objective: string }) =>
    api<Campaign & { draft: CampaignDraft }>('/campaigns', { method: 'POST', body }),
  publish: (id: string) =>
    api<Campaign & { jobId: string }>(`/campaigns/${id}/publish`, { method: 'POST' }),
  insights: (id: string, granularity: 'hour' | 'day', from: string, to: string) =>
    api<CampaignInsights>(`/campaigns/${id}/insights`, { query: { granularity, from, to } }),
};

export const autopilotApi = {
  decisions: (query: { status?: string; campaignId?: string; cursor?: string | null }) =>
    api<Page<Decision>>('/autopilot/decisions', { query: { ...query, limit: 50 } }),
  review: (id: string, verdict: 'approve' | 'reject') =>
    api<Decision>(`/autopilot/decisions/${id}/${verdict}`, { method: 'POST' }),
  settings: () => api<AutopilotSettingsView>('/autopilot/settings'),
  saveSettings: (body: unknown) =>
    api<AutopilotSettingsView>('/autopilot/settings', { method: 'PATCH', body }),
  dailyReport: (date?: string) => api<DailyReport>('/reports/daily', { query: { date } }),
};
