import { describe, expect, it } from 'vitest';
import { formatPhone, normalizePhone, phoneKey } from './phone.ts';

describe('normalizePhone', () => {
  it.each([
    ['(11) 98765-4321', '+5511987654321', 'mobile'],
    ['11987654321', '+5511987654321', 'mobile'],
    ['+55 11 98765-4321', '+5511987654321', 'mobile'],
    ['+55 (11) 9 8765 4321', '+5511987654321', 'mobile'],
    ['55 11 98765-4321', '+5511987654321', 'mobile'],
    ['5511987654321', '+5511987654321', 'mobile'],
    ['0055 11 98765-4321', '+5511987654321', 'mobile'],
    ['011 98765-4321', '+5511987654321', 'mobile'],
    ['0 15 11 98765-4321', '+5511987654321', 'mobile'],
    ['tel:+5511987654321', '+5511987654321', 'mobile'],
    // Legacy mobiles without the 9th digit get it, so both spellings are one key.
    ['(11) 8765-4321', '+5511987654321', 'mobile'],
    ['+55 11 8765-4321', '+5511987654321', 'mobile'],
    ['021 7654-3210', '+5521976543210', 'mobile'],
    // Landlines keep 8 digits.
    ['(11) 3456-7890', '+551134567890', 'landline'],
    ['+55 51 2345-6789', '+555123456789', 'landline'],
    ['0 21 51 2345-6789', '+555123456789', 'landline'],
    // DDD 55 (Rio Grande do Sul) read as an area code, not the country.
    ['(55) 99876-5432', '+5555998765432', 'mobile'],
    ['+55 55 99876-5432', '+5555998765432', 'mobile'],
    // Other countries.
    ['+1 415 555 2671', '+14155552671', 'other'],
    ['00 351 912 345 678', '+351912345678', 'other'],
    ['+44 20 7946 0958', '+442079460958', 'other'],
    // Carrier codes after the trunk 0 (libphonenumber-js reads them): Embratel 21, Vivo 15.
    ['0 21 11 3456-7890', '+551134567890', 'landline'],
    ['015 (21) 8888-7777', '+5521988887777', 'mobile'],
  ])('%s → %s (%s)', (raw, e164, kind) => {
    expect(normalizePhone(raw)).toEqual({ ok: true, phone: { e164, kind } });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['98765-4321', 'missing_area_code'],
    ['8765-4321', 'missing_area_code'],
    ['(01) 3456-7890', 'invalid'],
    ['(10) 98765-4321', 'invalid'],
    ['(11) 18765-4321', 'invalid'],
    ['(11) 0765-4321', 'invalid'],
    ['123', 'invalid'],
    ['+55 11 123', 'invalid'],
    ['+0 123 456 789', 'invalid'],
    ['call me', 'invalid'],
    ['11 98765-4321 ramal 2', 'invalid'],
    // libphonenumber-js knows each country's numbering plan: no UK number has 8 digits, no US
    // area code starts with 0.
    ['+44 1234 5678', 'invalid'],
    ['+1 000 555 2671', 'invalid'],
  ])('%j is refused: %s', (raw, reason) => {
    expect(normalizePhone(raw)).toEqual({ ok: false, reason });
  });

  it('gives numbers written with and without the 9th digit the same key', () => {
    const spellings = ['(21) 8888-7777', '+55 21 98888-7777', '021988887777', '55 21 8888 7777'];
    expect(new Set(spellings.map(phoneKey))).toEqual(new Set(['+5521988887777']));
    expect(phoneKey('(21) 3888-7777')).not.toBe(phoneKey('(21) 98888-7777'));
  });

  it('formats Brazilian numbers for reading', () => {
    expect(formatPhone('+5511987654321')).toBe('+55 11 98765-4321');
    expect(formatPhone('+551134567890')).toBe('+55 11 3456-7890');
    expect(formatPhone('+14155552671')).toBe('+14155552671');
  });
});
