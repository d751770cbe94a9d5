import { describe, expect, it } from 'vitest';
import { formatUnitPrice, majorUnits, minorUnits, parseMoney } from './money.ts';

describe('parseMoney', () => {
  it('reads Brazilian and English notations into minor units', () => {
    expect(parseMoney('1.234,56', 'BRL')).toBe(123_456);
    expect(parseMoney('1,234.56', 'USD')).toBe(123_456);
    expect(parseMoney('R$ 99', 'BRL')).toBe(9_900);
    expect(parseMoney('12,5', 'BRL')).toBe(1_250);
    expect(parseMoney('1.000', 'BRL')).toBe(100_000);
    expect(parseMoney('500', 'JPY')).toBe(500);
  });

  it('refuses what is not an amount', () => {
    expect(parseMoney('', 'BRL')).toBeNull();
    expect(parseMoney('abc', 'BRL')).toBeNull();
    expect(parseMoney('-5', 'BRL')).toBeNull();
  });
});

describe('formatUnitPrice', () => {
  it('shows fractions of a centavo, never fewer than the currency’s decimals', () => {
    // The test runs in the default locale, pt-BR.
    expect(formatUnitPrice(9.8, 'BRL').replace(/\s/g, ' ')).toBe('R$ 0,098');
    expect(formatUnitPrice(7.99, 'BRL').replace(/\s/g, ' ')).toBe('R$ 0,0799');
    expect(formatUnitPrice(100, 'BRL').replace(/\s/g, ' ')).toBe('R$ 1,00');
  });
});

describe('majorUnits and minorUnits', () => {
  it('convert by the currency’s own decimals, both ways', () => {
    expect(majorUnits(50_000, 'BRL')).toBe(500);
    expect(minorUnits(500.5, 'BRL')).toBe(50_050);
    expect(majorUnits(500, 'JPY')).toBe(500);
    expect(minorUnits(500, 'JPY')).toBe(500);
    expect(minorUnits(1.005, 'KWD')).toBe(1_005);
  });
});
