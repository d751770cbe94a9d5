import { describe, expect, it } from 'vitest';
import {
  currencySymbol,
  decimalToMinor,
  formatMoney,
  formatUnitPrice,
  minorToDecimal,
  minorUnitExponent,
  moneyInputValue,
  parseMoney,
} from './money.ts';

/** Intl separates the sign with a no-break space; tests read plain spaces. */
const plain = (text: string) => text.replace(/\s/g, ' ');

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

describe('formatMoney', () => {
  it.each([
    [123_456, 'BRL', 'pt-BR', 'R$ 1.234,56'],
    [123_456, 'BRL', 'en', 'R$1,234.56'],
    [123_456, 'USD', 'pt-BR', 'US$ 1.234,56'],
    [1_500, 'JPY', 'pt-BR', 'JP¥ 1.500'],
    [1_234, 'KWD', 'en', 'KWD 1.234'],
    [-990, 'BRL', 'pt-BR', '-R$ 9,90'],
  ])('%i minor %s in %s is %s', (minor, currency, locale, text) => {
    expect(plain(formatMoney(minor, currency, locale))).toBe(text);
  });

  it('is short in compact notation, for column headers', () => {
    expect(plain(formatMoney(123_456, 'BRL', 'pt-BR', { compact: true }))).toBe('R$ 1,2 mil');
    expect(plain(formatMoney(123_456_789, 'BRL', 'en', { compact: true }))).toBe('R$1.2M');
  });

  it('still shows the amount when the currency code is not one Intl knows', () => {
    expect(formatMoney(1_050, 'not-a-code', 'pt-BR')).toBe('10.50 not-a-code');
  });
});

describe('the other forms on screen', () => {
  it('shows fractions of a centavo in a unit price', () => {
    expect(plain(formatUnitPrice(9.8, 'BRL', 'pt-BR'))).toBe('R$ 0,098');
    expect(plain(formatUnitPrice(100, 'BRL', 'en'))).toBe('R$1.00');
  });

  it('names the currency sign as the locale writes it', () => {
    expect(currencySymbol('BRL', 'pt-BR')).toBe('R$');
    expect(currencySymbol('USD', 'pt-BR')).toBe('US$');
    expect(currencySymbol('USD', 'en')).toBe('$');
  });

  it("writes the value for an input with the locale's decimal mark", () => {
    expect(moneyInputValue(123_456, 'BRL', 'pt-BR')).toBe('1234,56');
    expect(moneyInputValue(123_456, 'BRL', 'en')).toBe('1234.56');
    expect(moneyInputValue(500, 'JPY', 'pt-BR')).toBe('500');
  });
});

describe('parseMoney', () => {
  it.each([
    ['R$ 1.500,50', 'BRL', 150_050],
    ['1.500', 'BRL', 150_000],
    ['1.000', 'BRL', 100_000],
    ['1500', 'BRL', 150_000],
    ['1500.5', 'BRL', 150_050],
    ['1,500.50', 'USD', 150_050],
    ['1,500', 'USD', 150_000],
    ['2,5', 'BRL', 250],
    ['19,90', 'BRL', 1_990],
    ['1.234.567,89', 'BRL', 123_456_789],
    ['1 234,56', 'BRL', 123_456],
    ['US$ 10', 'USD', 1_000],
    ['99 BRL', 'BRL', 9_900],
    ['0', 'BRL', 0],
    ['0,29', 'BRL', 29],
    ['500', 'JPY', 500],
    ['1.500', 'JPY', 1_500],
  ])('%j %s is %i minor', (text, currency, minor) => {
    expect(parseMoney(text, currency)).toBe(minor);
  });

  it.each(['', 'abc', 'R$', '-30,00', '1,2,3.4.5', '12.345,678', '1.2.3', '12abc', '19,9,0'])(
    '%j is not an amount',
    (text) => {
      expect(parseMoney(text, 'BRL')).toBeNull();
    },
  );

  it('reads amounts with a currency code Intl does not know in cents, as the schema refuses it', () => {
    expect(parseMoney('19,90', 'XX')).toBe(1_990);
  });
});
