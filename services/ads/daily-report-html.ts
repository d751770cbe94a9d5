/**
 * @module The daily report as a page, in the org's language (pt-BR unless the org chose English):
 * the report itself carries codes and minor units (`daily-report.ts`); this words them, with money
 * formatted in the org's currency by `domain/money.ts` and numbers in the locale's way.
 */
import { formatMoney } from '../../domain/money.ts';
import type { DailyReport, ReportLine } from './daily-report.ts';

export type ReportLocale = 'pt-BR' | 'en';

export const reportLocale = (locale: string | null | undefined): ReportLocale =>
  locale === 'en' ? 'en' : 'pt-BR';

/** The executed actions' codes (`type:reason`, see daily-report.ts), in words. */
const ACTIONS: Record<ReportLocale, Record<string, string>> = {
  'pt-BR': {
    'set_budget:winner_raise': 'Orçamento aumentado (vencedor)',
    'set_budget:rollback': 'Orçamento revertido',
    'pause:stop_loss': 'Pausado (prejuízo)',
    'pause:rotation': 'Pausado (rodízio de criativos)',
    'pause:daily_cap': 'Pausado (teto diário)',
    'pause:weekly_cap': 'Pausado (teto semanal)',
    'resume:revive': 'Retomado (conversões atrasadas)',
    'resume:cap_released': 'Retomado (teto liberado)',
    request_creatives: 'Novos criativos pedidos',
    hold: 'Mantido como estava',
  },
  en: {
    'set_budget:winner_raise': 'Budget raised (winner)',
    'set_budget:rollback': 'Budget rolled back',
    'pause:stop_loss': 'Paused (stop loss)',
    'pause:rotation': 'Paused (creative rotation)',
    'pause:daily_cap': 'Paused (daily cap)',
    'pause:weekly_cap': 'Paused (weekly cap)',
    'resume:revive': 'Resumed (delayed conversions)',
    'resume:cap_released': 'Resumed (cap released)',
    request_creatives: 'New creatives requested',
    hold: 'Kept as it was',
  },
};

const WORDS = {
  'pt-BR': {
    title: (date: string) => `Relatório diário — ${date}`,
    scope: (zone: string, currency: string) => `Dia em ${zone}; valores em ${currency}.`,
    name: 'Nome',
    spend: 'Investimento',
    revenue: 'Receita',
    revenuePlatforms: 'Receita (plataformas)',
    profit: 'Lucro',
    conversions: 'Conversões',
    orders: 'Pedidos da loja',
    topCampaigns: 'Melhores campanhas',
    bottomCampaigns: 'Piores campanhas',
    topProducts: 'Melhores produtos',
    bottomProducts: 'Piores produtos',
    actions: 'Ações executadas',
    none: 'Nenhuma',
  },
  en: {
    title: (date: string) => `Daily report — ${date}`,
    scope: (zone: string, currency: string) => `Day in ${zone}; amounts in ${currency}.`,
    name: 'Name',
    spend: 'Spend',
    revenue: 'Revenue',
    revenuePlatforms: 'Revenue (platforms)',
    profit: 'Profit',
    conversions: 'Conversions',
    orders: 'Store orders',
    topCampaigns: 'Top campaigns',
    bottomCampaigns: 'Bottom campaigns',
    topProducts: 'Top products',
    bottomProducts: 'Bottom products',
    actions: 'Actions taken',
    none: 'None',
  },
} satisfies Record<ReportLocale, unknown>;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

export function renderReportHtml(report: DailyReport, locale: ReportLocale): string {
  const w = WORDS[locale];
  const m = (minor: number) => escapeHtml(formatMoney(minor, report.currency, locale));
  const n = (value: number | null) =>
    value === null
      ? '—'
      : new Intl.NumberFormat(locale, { maximumFractionDigits: 3 }).format(value);
  const table = (title: string, lines: ReportLine[]) =>
    `<h2>${escapeHtml(title)}</h2><table><thead><tr><th>${w.name}</th><th>${w.spend}</th><th>${w.revenue}</th><th>ROAS</th><th>${w.profit}</th></tr></thead><tbody>${lines
      .map(
        (l) =>
          `<tr><td>${escapeHtml(l.name)}</td><td>${m(l.spendMinor)}</td><td>${m(l.revenueMinor)}</td><td>${n(l.roas)}</td><td>${m(l.profitMinor)}</td></tr>`,
      )
      .join('')}</tbody></table>`;
  const t = report.totals;
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(w.title(report.date))}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;color:#111}table{border-collapse:collapse;margin-bottom:1.5rem}td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:right}td:first-child,th:first-child{text-align:left}</style></head><body>
<h1>${escapeHtml(w.title(report.date))}</h1><p>${escapeHtml(w.scope(report.timeZone, report.currency))}</p>
<table><tbody><tr><th>${w.spend}</th><td>${m(t.spendMinor)}</td></tr><tr><th>${w.revenuePlatforms}</th><td>${m(t.revenueMinor)}</td></tr><tr><th>ROAS</th><td>${n(t.roas)}</td></tr><tr><th>${w.conversions}</th><td>${n(t.conversions)}</td></tr><tr><th>${w.orders}</th><td>${n(t.orders)} (${m(t.ordersRevenueMinor)})</td></tr></tbody></table>
${table(w.topCampaigns, report.campaigns.top)}${table(w.bottomCampaigns, report.campaigns.bottom)}${table(w.topProducts, report.products.top)}${table(w.bottomProducts, report.products.bottom)}
<h2>${w.actions}</h2><ul>${
    Object.entries(report.actions.counts)
      .map(
        ([action, count]) =>
          `<li>${escapeHtml(ACTIONS[locale][action] ?? action)}: ${n(count)}</li>`,
      )
      .join('') || `<li>${w.none}</li>`
  }</ul></body></html>`;
}
