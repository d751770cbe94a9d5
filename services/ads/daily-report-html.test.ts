import { describe, expect, it } from 'vitest';
import type { DailyReport } from './daily-report.ts';
import { renderReportHtml } from './daily-report-html.ts';

const report: DailyReport = {
  date: '2026-12-04',
  timeZone: 'America/Sao_Paulo',
  currency: 'BRL',
  totals: {
    impressions: 10_000,
    clicks: 300,
    spendMinor: 20_000,
    revenueMinor: 45_000,
    roas: 2.25,
    conversions: 1_200,
    orders: 3,
    ordersRevenueMinor: 123_456,
  },
  campaigns: {
    top: [
      {
        id: 'c1',
        name: 'Boa <campanha>',
        spendMinor: 20_000,
        revenueMinor: 45_000,
        conversions: 20,
        roas: 2.25,
        profitMinor: 25_000,
      },
    ],
    bottom: [],
  },
  products: { top: [], bottom: [] },
  actions: { counts: { 'pause:stop_loss': 2, 'set_budget:winner_raise': 1 }, list: [] },
};

const plain = (html: string) => html.replace(/\s/g, ' ');

describe('renderReportHtml', () => {
  it('words the report in pt-BR with money in the org currency, never raw minor units', () => {
    const html = plain(renderReportHtml(report, 'pt-BR'));
    expect(html).toContain('<html lang="pt-BR">');
    expect(html).toContain('Relatório diário — 2026-12-04');
    expect(html).toContain('<th>Investimento</th><td>R$ 200,00</td>');
    expect(html).toContain('<td>1.200</td>');
    expect(html).toContain('3 (R$ 1.234,56)');
    expect(html).toContain('<td>2,25</td>');
    expect(html).toContain('Pausado (prejuízo): 2');
    expect(html).toContain('Orçamento aumentado (vencedor): 1');
    expect(html).toContain('Boa &#60;campanha&#62;');
    expect(html).not.toMatch(/Spend|pause:stop_loss|20000/);
  });

  it('words it in English for an org that chose English', () => {
    const html = plain(renderReportHtml(report, 'en'));
    expect(html).toContain('<th>Spend</th><td>R$200.00</td>');
    expect(html).toContain('Paused (stop loss): 2');
    expect(html).toContain('<td>2.25</td>');
  });
});
