/**
 * The ads API as the web sees it: products and their verdicts, creatives, campaigns, the
 * autopilot's decisions and settings, insights and daily reports. Every shape comes from the
 * OpenAPI contract (web/src/api/contract.d.ts); this module only names the ones pages share.
 */
import type { DecisionInputs } from '../../../domain/autopilot/decision.ts';
import { type Answer, type Body, call, client, type Query } from './api.ts';

export type Product = Answer<'/api/v1/products/{id}', 'get'>;
export type Creative = Answer<'/api/v1/creatives/{id}', 'get'>;
export type CreativeStyle = NonNullable<Creative['style']>;
export type Campaign = Answer<'/api/v1/campaigns/{id}', 'get'>;
/** The contract leaves `inputs` an open object; the decision's own type says what it holds. */
export type Decision = Omit<DecisionAnswer, 'inputs'> & {
  inputs: DecisionInputs;
};
export type RuleCheck = DecisionInputs['checks'][number];
export type AutopilotSettingsView = Answer<'/api/v1/autopilot/settings', 'get'>;

const byId = (id: string) => ({ params: { path: { id } } });
/** A list's filters as the page holds them: any cursor, and the page size is this module's. */
type Filters<Q> = Omit<Q, 'cursor' | 'limit'> & { cursor?: string | null };

type DecisionAnswer = Answer<'/api/v1/autopilot/decisions/{id}', 'get'>;
const withInputs = (decision: DecisionAnswer): Decision => ({
  ...decision,
  inputs: decision.inputs as unknown as DecisionInputs,
});

export const productsApi = {
  list: (query: Filters<Query<'/api/v1/products', 'get'>>) =>
    call(
      client.GET('/api/v1/products', {
        params: { query: { ...query, cursor: query.cursor ?? undefined, limit: 50 } },
      }),
    ),
  get: (id: string) => call(client.GET('/api/v1/products/{id}', byId(id))),
  create: (body: Body<'/api/v1/products', 'post'>) =>
    call(client.POST('/api/v1/products', { body })),
  importCsv: (csv: string) => call(client.POST('/api/v1/products/import', { body: { csv } })),
  scout: (body: { query?: string; limit?: number }) =>
    call(client.POST('/api/v1/products/scout', { body })),
  qualify: (id: string) => call(client.POST('/api/v1/products/{id}/qualify', byId(id))),
  decide: (id: string, verdict: 'approve' | 'reject', note?: string) => {
    const request = { ...byId(id), body: note ? { note } : {} };
    return call(
      verdict === 'approve'
        ? client.POST('/api/v1/products/{id}/approve', request)
        : client.POST('/api/v1/products/{id}/reject', request),
    );
  },
  creatives: (id: string) => call(client.GET('/api/v1/products/{id}/creatives', byId(id))),
  generateCreatives: (id: string, locale: 'en' | 'pt-BR', key: string) =>
    call(
      client.POST('/api/v1/products/{id}/creatives/generate', {
        params: { path: { id }, header: { 'Idempotency-Key': key } },
        body: { locale },
      }),
    ),
  editCreative: (id: string, text: string) =>
    call(client.PATCH('/api/v1/creatives/{id}', { ...byId(id), body: { text } })),
};

export const campaignsApi = {
  list: (cursor?: string | null) =>
    call(
      client.GET('/api/v1/campaigns', {
        params: { query: { cursor: cursor ?? undefined, limit: 50 } },
      }),
    ),
  get: (id: string) => call(client.GET('/api/v1/campaigns/{id}', byId(id))),
  create: (body: Body<'/api/v1/campaigns', 'post'>) =>
    call(client.POST('/api/v1/campaigns', { body })),
  publish: (id: string) => call(client.POST('/api/v1/campaigns/{id}/publish', byId(id))),
  insights: (id: string, granularity: 'hour' | 'day', from: string, to: string) =>
    call(
      client.GET('/api/v1/campaigns/{id}/insights', {
        params: { path: { id }, query: { granularity, from, to } },
      }),
    ),
};

export const autopilotApi = {
  decisions: (query: Filters<Query<'/api/v1/autopilot/decisions', 'get'>>) =>
    call(
      client.GET('/api/v1/autopilot/decisions', {
        params: { query: { ...query, cursor: query.cursor ?? undefined, limit: 50 } },
      }),
    ).then((page) => ({ ...page, items: page.items.map(withInputs) })),
  review: (id: string, verdict: 'approve' | 'reject') =>
    call(
      verdict === 'approve'
        ? client.POST('/api/v1/autopilot/decisions/{id}/approve', byId(id))
        : client.POST('/api/v1/autopilot/decisions/{id}/reject', byId(id)),
    ).then(withInputs),
  settings: () => call(client.GET('/api/v1/autopilot/settings')),
  saveSettings: (body: Body<'/api/v1/autopilot/settings', 'patch'>) =>
    call(client.PATCH('/api/v1/autopilot/settings', { body })),
  dailyReport: (date?: string) =>
    call(client.GET('/api/v1/reports/daily', { params: { query: { date } } })),
};
