import { describe, expect, it } from 'vitest';
import {
  captureFormOf,
  captureSecretMatches,
  mintCaptureSecret,
  readCaptureForm,
} from './capture.ts';

describe('readCaptureForm', () => {
  it('reads a Portuguese HTML form: known fields by name, the rest as custom fields', () => {
    expect(
      readCaptureForm({
        nome: 'Ana Souza',
        'E-mail': 'Ana@Empresa.com',
        telefone: '(11) 98765-4321',
        empresa: 'Clínica Sorriso',
        mensagem: 'Quero um orçamento',
        utm_source: 'instagram',
        secret: 'cap_x',
        _redirect: 'https://agencia.com.br/obrigado',
      }),
    ).toEqual({
      ok: true,
      spam: false,
      redirect: 'https://agencia.com.br/obrigado',
      lead: {
        name: 'Ana Souza',
        email: 'ana@empresa.com',
        phone: '+5511987654321',
        company: 'Clínica Sorriso',
        source: 'instagram',
        notes: 'Quero um orçamento',
        custom: { utm_source: 'instagram' },
      },
    });
  });

  it('names the fields at fault', () => {
    expect(readCaptureForm({ name: 'Ana', email: 'ana@', phone: '98765-4321' })).toEqual({
      ok: false,
      errors: [
        { path: 'email', message: 'E-mail is not a valid address.' },
        { path: 'phone', message: 'Phone has no area code (DDD).' },
      ],
    });
    expect(readCaptureForm({ empresa: 'X' })).toEqual({
      ok: false,
      errors: [{ path: 'name', message: 'The row needs a name, an e-mail or a phone.' }],
    });
    expect(readCaptureForm({ name: 'A', _redirect: 'javascript:alert(1)' })).toMatchObject({
      ok: false,
      errors: [{ path: '_redirect' }],
    });
  });

  it('never lets a form pick the owner, and flags a filled honeypot', () => {
    const result = readCaptureForm({ name: 'Bot', responsavel: 'x@y.com', _gotcha: 'spam' });
    expect(result).toMatchObject({ ok: true, spam: true, lead: { name: 'Bot' } });
    expect(result.ok && result.lead.ownerId).toBeFalsy();
  });
});

describe('captureFormOf', () => {
  it('takes text, numbers, booleans and lists of text; refuses nested objects', () => {
    expect(captureFormOf({ a: 'x', b: 2, c: true, d: ['p', 'q'], e: null })).toEqual({
      form: { a: 'x', b: '2', c: 'true', d: 'p, q' },
      errors: [],
    });
    expect(captureFormOf({ a: { b: 1 } }).errors).toEqual([
      { path: 'a', message: 'A form field is text, a number or true/false.' },
    ]);
    expect(captureFormOf([1]).errors[0]!.path).toBe('');
  });
});

describe('capture secrets', () => {
  it('match only the secret they were minted from', async () => {
    const { secret, hash } = await mintCaptureSecret();
    expect(secret).toMatch(/^cap_/);
    expect(await captureSecretMatches(secret, hash)).toBe(true);
    expect(await captureSecretMatches(`${secret}x`, hash)).toBe(false);
    expect(await captureSecretMatches(secret, null)).toBe(false);
    expect(await captureSecretMatches('', hash)).toBe(false);
  });
});
