import { describe, expect, it } from 'vitest';
import { decimalToMinor, minorToDecimal, minorUnitExponent } from './money.ts';

describe('currency units', () => {
  it.each([
    ['BRL', 2],
    ['USD', 2],
    ['JPY', 0],
    ['KWD', 3],
  ])('%s has %i decimals', (currency, exponent) => {
    expect(minorUnitExponent(currency)).toBe(exponent);
  });

  it.each([
    [20_050, 'BRL', 200.5],
    [1, 'BRL', 0.01],
    [29, 'BRL', 0.29],
    [100_000_000_01, 'BRL', 100_000_000.01],
    [500, 'JPY', 500],
    [1_234, 'KWD', 1.234],
    [-75, 'USD', -0.75],
  ])('%i minor %s is %d', (minor, currency, decimal) => {
    expect(minorToDecimal(minor, currency)).toBe(decimal);
  });

  it.each([
    ['0.29', 'BRL', 29],
    ['12.34', 'BRL', 1_234],
    ['12.345', 'BRL', 1_235],
    ['12.344', 'BRL', 1_234],
    ['7', 'BRL', 700],
    ['.5', 'BRL', 50],
    ['0', 'BRL', 0],
    ['1500', 'JPY', 1_500],
    ['1500.5', 'JPY', 1_501],
    ['-3.10', 'USD', -310],
  ])('"%s" %s is %i minor', (text, currency, minor) => {
    expect(decimalToMinor(text, currency)).toBe(minor);
  });

  it('converts numbers without float drift (0.29 × 100 is 28.999…)', () => {
    expect(decimalToMinor(0.29, 'BRL')).toBe(29);
    expect(decimalToMinor(1.005, 'BRL')).toBe(101);
  });

  it('round-trips every amount a budget can take', () => {
    for (let minor = 0; minor < 5_000; minor += 7)
      expect(decimalToMinor(String(minorToDecimal(minor, 'BRL')), 'BRL')).toBe(minor);
  });

  it('refuses text that is not a decimal amount', () => {
    expect(() => decimalToMinor('R$ 10', 'BRL')).toThrow();
    expect(() => decimalToMinor('', 'BRL')).toThrow();
  });
});
