/**
 * @module Billing details for invoices (nota fiscal): CPF or CNPJ, razão social and the address,
 * validated the same way in the API and the credits page. CPF and CNPJ check digits come from
 * `cpf-cnpj-validator` (it also knows the alphanumeric CNPJ the Receita Federal issues from July
 * 2026); a number that only looks right is refused before it reaches an invoice.
 */
import { cnpj, cpf } from 'cpf-cnpj-validator';
import * as v from 'valibot';
import { Name } from './common.ts';

export const BRAZILIAN_STATES = [
  'AC',
  'AL',
  'AM',
  'AP',
  'BA',
  'CE',
  'DF',
  'ES',
  'GO',
  'MA',
  'MG',
  'MS',
  'MT',
  'PA',
  'PB',
  'PE',
  'PI',
  'PR',
  'RJ',
  'RN',
  'RO',
  'RR',
  'RS',
  'SC',
  'SE',
  'SP',
  'TO',
] as const;

export type TaxIdKind = 'cpf' | 'cnpj';

/**
 * `cpf` or `cnpj` for a number whose check digits hold, written with or without the mask (dots,
 * slash, dash, spaces), otherwise null. The library's loose mode drops any other character, so
 * "52998224725abc" would pass as a CPF: letters are allowed only where a new CNPJ has them.
 */
export function taxIdKind(value: string): TaxIdKind | null {
  if (/^[\d\s./-]+$/.test(value) && cpf.isValid(value)) return 'cpf';
  if (/^[\dA-Za-z\s./-]+$/.test(value) && cnpj.isValid(value)) return 'cnpj';
  return null;
}

/** The official mask: 000.000.000-00 or 00.000.000/0000-00 (what invoices and Stripe show). */
export const formatTaxId = (kind: TaxIdKind, value: string) =>
  kind === 'cpf' ? cpf.format(value) : cnpj.format(value);

/** Digits (and, in a new CNPJ, letters) only: the stored form. */
export const stripTaxId = (kind: TaxIdKind, value: string) =>
  kind === 'cpf' ? cpf.strip(value) : cnpj.strip(value);

export const BillingDetailsInput = v.object({
  taxId: v.pipe(
    v.string('taxId is required.'),
    v.trim(),
    v.minLength(1, 'taxId is required.'),
    v.check((s) => taxIdKind(s) !== null, 'taxId must be a valid CPF or CNPJ (check digits).'),
  ),
  /** Razão social for a CNPJ, the full name for a CPF. */
  legalName: Name('legalName', 150),
  postalCode: v.pipe(
    v.string('postalCode is required.'),
    v.trim(),
    v.regex(/^\d{5}-?\d{3}$/, 'postalCode is a CEP like 01310-100.'),
    v.transform((s) => s.replace('-', '')),
  ),
  street: Name('street', 150),
  number: Name('number', 20),
  complement: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(80)), ''),
  district: Name('district', 80),
  city: Name('city', 80),
  state: v.picklist(BRAZILIAN_STATES, 'state is a Brazilian state (UF) such as SP.'),
});
