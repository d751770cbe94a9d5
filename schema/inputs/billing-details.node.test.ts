import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { BillingDetailsInput, formatTaxId, taxIdKind } from './billing-details.ts';

describe('taxIdKind', () => {
  it.each([
    ['529.982.247-25', 'cpf'],
    ['52998224725', 'cpf'],
    [' 529 982 247 25 ', 'cpf'],
    ['11.222.333/0001-81', 'cnpj'],
    ['11222333000181', 'cnpj'],
    // The alphanumeric CNPJ (Receita Federal, from July 2026), either case.
    ['12.ABC.345/01DE-35', 'cnpj'],
    ['12abc34501de35', 'cnpj'],
    // One check digit off.
    ['529.982.247-26', null],
    ['11.222.333/0001-82', null],
    // Same digit repeated: passes the arithmetic, never issued.
    ['111.111.111-11', null],
    ['00000000000000', null],
    // Letters in a CPF are not ignored.
    ['52998224725abc', null],
    ['x11222333000181', null],
    ['5299822472', null],
    ['', null],
  ])('%j is %s', (value, kind) => {
    expect(taxIdKind(value.trim())).toBe(kind);
  });

  it('formats with the official mask', () => {
    expect(formatTaxId('cpf', '52998224725')).toBe('529.982.247-25');
    expect(formatTaxId('cnpj', '11222333000181')).toBe('11.222.333/0001-81');
  });
});

describe('BillingDetailsInput', () => {
  const valid = {
    taxId: '11.222.333/0001-81',
    legalName: 'Agência Aurora Ltda',
    postalCode: '01310-100',
    street: 'Avenida Paulista',
    number: '1000',
    district: 'Bela Vista',
    city: 'São Paulo',
    state: 'SP',
  };

  it('accepts a company and keeps the CEP as digits', () => {
    const parsed = v.parse(BillingDetailsInput, valid);
    expect(parsed).toMatchObject({ postalCode: '01310100', complement: '' });
  });

  it.each([
    ['taxId', { taxId: '11.222.333/0001-80' }],
    ['postalCode', { postalCode: '1310-100' }],
    ['state', { state: 'XX' }],
    ['legalName', { legalName: '  ' }],
    ['number', { number: '' }],
  ])('names %s when it is wrong', (field, change) => {
    const result = v.safeParse(BillingDetailsInput, { ...valid, ...change });
    expect(result.success).toBe(false);
    expect(result.issues?.map((issue) => v.getDotPath(issue))).toContain(field);
  });
});
