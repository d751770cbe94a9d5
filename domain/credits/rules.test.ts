import { describe, expect, it } from 'vitest';
import {
  type AutoRecharge,
  localDay,
  monthPeriod,
  rechargeDecision,
  refundedCredits,
  refundedMinorSoFar,
  spendLimitBreach,
  takeFromLots,
  thresholdsReached,
} from './rules.ts';

describe('calendar periods follow the org’s clock', () => {
  it.each([
    // 02:30 UTC on Dec 1st is still Nov 30th in São Paulo (UTC−3).
    ['2026-12-01T02:30:00Z', 'America/Sao_Paulo', '2026-11-30', '2026-11'],
    ['2026-12-01T03:00:00Z', 'America/Sao_Paulo', '2026-12-01', '2026-12'],
    ['2026-12-31T23:30:00Z', 'Asia/Kolkata', '2027-01-01', '2027-01'],
    ['2026-03-08T07:30:00Z', 'America/New_York', '2026-03-08', '2026-03'],
    ['2026-06-15T12:00:00Z', 'UTC', '2026-06-15', '2026-06'],
  ])('%s in %s is day %s of period %s', (at, tz, day, period) => {
    expect(localDay(Date.parse(at), tz)).toBe(day);
    expect(monthPeriod(Date.parse(at), tz)).toBe(period);
  });
});

describe('spendLimitBreach (reserve first: open holds count as spent)', () => {
  it.each([
    [null, 500, 500, 1, null],
    [100, 50, 30, 20, null],
    [100, 50, 30, 21, { limit: 100, remaining: 20 }],
    [100, 120, 0, 1, { limit: 100, remaining: 0 }],
    [0, 0, 0, 1, { limit: 0, remaining: 0 }],
  ])('limit %s, spent %s, held %s, asking %s → %j', (limit, spent, held, asking, expected) => {
    expect(spendLimitBreach(limit, spent, held, asking)).toEqual(expected);
  });
});

describe('thresholdsReached', () => {
  it.each([
    [100, 0, 79, []],
    [100, 79, 80, [80]],
    [100, 50, 100, [80, 100]],
    [100, 80, 99, []],
    [100, 99, 150, [100]],
    [7, 5, 6, [80]],
    [null, 0, 1000, []],
    [0, 0, 10, []],
  ])('limit %s, %s → %s reaches %j', (limit, before, after, expected) => {
    expect(thresholdsReached(limit, before, after)).toEqual(expected);
  });
});

describe('rechargeDecision: one top-up per crossing, within the cap', () => {
  const settings: AutoRecharge = {
    enabled: true,
    thresholdCredits: 100,
    packId: 'pack-500',
    credits: 500,
    amountMinor: 4900,
    currency: 'BRL',
    monthlyCapMinor: 10000,
  };
  it.each([
    ['crossing below', settings, 100, 99, 0, 'start'],
    ['staying below', settings, 99, 10, 0, 'none'],
    ['staying above', settings, 500, 100, 0, 'none'],
    ['going up', settings, 50, 550, 0, 'none'],
    ['crossing at the cap', settings, 150, 50, 4900, 'start'],
    ['crossing past the cap', settings, 150, 50, 5101, 'capped'],
    ['disabled', { ...settings, enabled: false }, 150, 50, 0, 'none'],
    ['not configured', null, 150, 50, 0, 'none'],
  ] as const)('%s', (_, s, before, after, charged, expected) => {
    expect(rechargeDecision(s, before, after, charged)).toBe(expected);
  });
});

describe('refunds', () => {
  it.each([
    [500, 4900, 4900, 500],
    [500, 4900, 0, 0],
    [500, 4900, 2450, 250],
    [500, 4900, 1, 1],
    [500, 4900, 9999, 500],
    [500, 0, 100, 0],
  ])(
    '%s credits bought for %s, %s refunded → %s credits back',
    (credits, amount, refunded, expected) => {
      expect(refundedCredits(credits, amount, refunded)).toBe(expected);
    },
  );

  it.each([
    [0, [], 0],
    [1000, [], 1000],
    [0, [300, 200], 500],
    [400, [300, 200], 500],
    [900, [300, 200], 900],
  ])('cumulative %s with single refunds %j → %s', (cumulative, singles, expected) => {
    expect(refundedMinorSoFar(cumulative, singles)).toBe(expected);
  });
});

describe('takeFromLots: soonest expiry first', () => {
  const lots = [
    { id: 'late', remaining: 50, expiresAt: 3000 },
    { id: 'soon', remaining: 20, expiresAt: 1000 },
    { id: 'mid', remaining: 10, expiresAt: 2000 },
  ];
  it.each([
    [5, [{ id: 'soon', take: 5 }]],
    [
      25,
      [
        { id: 'soon', take: 20 },
        { id: 'mid', take: 5 },
      ],
    ],
    [
      200,
      [
        { id: 'soon', take: 20 },
        { id: 'mid', take: 10 },
        { id: 'late', take: 50 },
      ],
    ],
    [0, []],
  ])('spending %s takes %j', (credits, expected) => {
    expect(takeFromLots(lots, credits)).toEqual(expected);
  });
});
