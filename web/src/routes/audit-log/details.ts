/**
 * An audit entry's data in the reader's words: the keys a person can act on, each with its label
 * and its value worded (roles, scopes, modalities, packs and plans, providers, field names,
 * money). Internal ids and nested technical data are left out: the row's action, who and when
 * already say what happened, and a code is no help to a person.
 */
import { packById } from '../../../../domain/credits/catalog.ts';
import type { MessageKey } from '../../i18n/index.ts';
import { codeLabel, formatNumber, t } from '../../lib/i18n.ts';
import { formatMoney } from '../../lib/money.ts';
import { fieldLabel } from '../pipeline/lead-insights.ts';

type Data = Record<string, unknown>;

/** Names of the fields other entities change (leads use the pipeline's own words). */
const FIELD_WORDS: Record<string, MessageKey> = {
  title: 'products.title',
  description: 'products.description',
  category: 'products.category',
  supplierCostMinor: 'products.supplierCost',
  marketPriceMinor: 'products.marketPrice',
  keywords: 'products.keywords',
  images: 'creatives.images',
  text: 'campaigns.body',
  prompt: 'studio.prompt',
  locale: 'settings.locale',
  modality: 'studio.modality',
  variables: 'studio.templateVariables',
};

function fieldWord(action: string, field: string): string | null {
  if (action.startsWith('lead.')) return fieldLabel(field);
  return field in FIELD_WORDS ? t(FIELD_WORDS[field]!) : null;
}

const role = (value: unknown) => codeLabel('common.role_', String(value));
const list = (value: unknown) => (Array.isArray(value) ? value.map(String) : [String(value)]);

/** "pacote de 500 créditos", "plano Agência". */
function itemWords(kind: unknown, id: unknown): string {
  const pack = kind === 'pack' ? packById(String(id)) : undefined;
  if (pack) return t('audit.item_pack', { n: formatNumber(pack.credits) });
  return t('audit.item_plan', { plan: codeLabel('common.plan_', String(id)) });
}

/** Each worded key: its value in words, or null to leave it out. */
const WORDED: Record<string, (value: unknown, data: Data, action: string) => string | null> = {
  name: String,
  email: String,
  title: String,
  note: (v) => (v ? String(v) : null),
  reason: String,
  fileName: String,
  orderId: String,
  lastFour: (v) => `••••${v}`,
  role,
  from: role,
  to: role,
  scopes: (v) =>
    list(v)
      .map((scope) => codeLabel('apiKeys.scope_', scope))
      .join(', '),
  itemId: (v, data) => itemWords(data.kind, v),
  modality: (v) => codeLabel('studio.modality_', String(v)),
  chain: (v) =>
    list(v)
      .map((step) => {
        const [provider = '', model = ''] = step.split('/', 2);
        return t('studio.providerModel', {
          provider: codeLabel('studio.provider_', provider),
          model,
        });
      })
      .join(', '),
  fields: (v, _, action) => wordedFields(action, v),
  filled: (v, _, action) => wordedFields(action, v),
  status: (v) => codeLabel('products.status_', String(v)),
  platform: (v) => codeLabel('campaigns.platform_', String(v)),
  via: (v) => codeLabel('audit.via_', String(v)),
  amountMinor: (v, data) => formatMoney(Number(v), String(data.currency ?? 'BRL')),
  creditsHeld: (v) => formatNumber(Number(v)),
  creditsCharged: (v) => formatNumber(Number(v)),
  credits: (v) => formatNumber(Number(v)),
  rows: (v) => formatNumber(Number(v)),
  imported: (v) => formatNumber(Number(v)),
  skipped: (v) => formatNumber(Number(v)),
  refusedRows: (v) => formatNumber(Number(v)),
  score: (v) => formatNumber(Number(v)),
  adSets: (v) => formatNumber(Number(v)),
  ads: (v) => formatNumber(Number(v)),
};

function wordedFields(action: string, value: unknown): string | null {
  const words = list(value)
    .map((field) => fieldWord(action, field))
    .filter(Boolean);
  return words.length ? words.join(', ') : null;
}

/** The label a key shows under (`amountMinor` is "valor", `itemId` is "item"). */
const LABEL_OF: Record<string, string> = { amountMinor: 'amount', itemId: 'item' };

/** "papel: Membro · escopos: Ler os dados da organização", or "" when nothing is worth saying. */
export function describeAuditData(action: string, data: Data | null): string {
  if (!data) return '';
  const parts: string[] = [];
  for (const [key, value] of Object.entries(data)) {
    const word = WORDED[key];
    if (!word || value === null || value === undefined) continue;
    if (typeof value === 'object' && !Array.isArray(value)) continue;
    const text = word(value, data, action);
    if (text) parts.push(`${codeLabel('audit.detail_', LABEL_OF[key] ?? key, key)}: ${text}`);
  }
  return parts.join(' · ');
}
