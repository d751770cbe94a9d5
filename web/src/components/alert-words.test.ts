import { describe, expect, it } from 'vitest';
import { alertWords } from './alert-words.ts';

/** Every kind the server raises, with the data it sends (worker/, rooms/, queues/). */
const RAISED: [string, Record<string, unknown>][] = [
  [
    'credits.spend_limit',
    { scope: 'org', period: '2026-12', threshold: 80, limit: 1000, spent: 812 },
  ],
  ['credits.refund_uncollected', { paymentRef: 'pi_1', uncollected: 40 }],
  [
    'credits.recharge_capped',
    { period: '2026-12', capMinor: 50_000, chargedMinor: 49_000, currency: 'BRL' },
  ],
  ['credits.recharge_failed', { rechargeId: 'r1' }],
  [
    'autopilot.spend_cap_reached',
    { cap: 'daily_cap', spentMinor: 5000, capMinor: 5000, currency: 'BRL' },
  ],
  [
    'autopilot.spend_cap_near',
    { cap: 'weekly_cap', spentMinor: 4500, capMinor: 5000, currency: 'BRL' },
  ],
  [
    'autopilot.spend_cap_trim',
    { cap: 'daily_cap', spentMinor: 5100, capMinor: 5000, currency: 'BRL' },
  ],
  ['autopilot.new_winner', { entityName: 'Público 1', campaignName: 'Verão' }],
  ['ads.platform_failing', { platform: 'meta', kind: 'auth', doing: 'reading_insights' }],
  ['autopilot.campaign_paused', { campaignName: 'Verão', reason: 'daily_cap' }],
  ['autopilot.creatives_needed', { count: 1, entityName: 'Público 1', campaignName: 'Verão' }],
  ['ads.publish_failed', { campaignName: 'Verão', platform: 'meta' }],
  ['studio.uncharged', { generationId: 'g1', credits: 3 }],
  ['job.dead_letter', { jobId: 'j1', queue: 'ads' }],
  ['autopilot.no_conversions', { campaignName: 'Verão', spendMinor: 12_345, currency: 'BRL' }],
  ['autopilot.roas_below_target', { campaignName: 'Verão', roas: 0.8, targetRoas: 1.5 }],
];

describe('alertWords', () => {
  it.each(RAISED)('words %s in pt-BR from its data, not the English title', (kind, data) => {
    const words = alertWords({ kind, data, title: 'English title', detail: 'English detail' });
    expect(words.title).not.toBe('English title');
    expect(words.detail).not.toBe('English detail');
    expect(`${words.title} ${words.detail}`).not.toMatch(/\{\w+\}|undefined|NaN/);
  });

  it('puts names, months, money and ratios in the reader’s format', () => {
    const limit = alertWords({
      kind: 'credits.spend_limit',
      data: RAISED[0]![1],
      title: '',
      detail: '',
    });
    expect(limit).toEqual({
      title: 'A organização usou 80% do limite mensal de créditos',
      detail: '812 de 1.000 créditos gastos em dezembro de 2026.',
    });
    const roas = alertWords({
      kind: 'autopilot.roas_below_target',
      data: RAISED.at(-1)![1],
      title: '',
      detail: '',
    });
    expect(roas.detail).toBe('ROAS de 0,8× nas últimas 24 horas; a meta é 1,5×.');
    const spend = alertWords({
      kind: 'autopilot.no_conversions',
      data: RAISED.at(-2)![1],
      title: '',
      detail: '',
    });
    expect(spend.detail).toBe('Gastou R$\u00a0123,45 nas últimas 24 horas sem nenhum pedido.');
  });

  it('keeps the server’s words for a kind this build does not know', () => {
    expect(alertWords({ kind: 'new.kind', data: {}, title: 'Title', detail: null })).toEqual({
      title: 'Title',
      detail: null,
    });
  });
});
