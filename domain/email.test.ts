import { describe, expect, it } from 'vitest';
import { emailKey, normalizeEmail } from './email.ts';

describe('normalizeEmail', () => {
  it.each([
    ['  Ana@Empresa.com.BR ', 'ana@empresa.com.br', 'ana@empresa.com.br'],
    ['Ana.Silva+promo@Gmail.com', 'ana.silva+promo@gmail.com', 'anasilva@gmail.com'],
    ['a.n.a@googlemail.com', 'a.n.a@googlemail.com', 'ana@gmail.com'],
    ['joao.souza+news@hotmail.com', 'joao.souza+news@hotmail.com', 'joao.souza@hotmail.com'],
    ['maria+x@icloud.com', 'maria+x@icloud.com', 'maria@icloud.com'],
    // Company servers: dots and plus kept, they may be different people.
    ['vendas+sp@agencia.com.br', 'vendas+sp@agencia.com.br', 'vendas+sp@agencia.com.br'],
    ['a.b@agencia.com.br', 'a.b@agencia.com.br', 'a.b@agencia.com.br'],
    ['Ana Silva <Ana@Empresa.com>', 'ana@empresa.com', 'ana@empresa.com'],
    ['mailto:ana@empresa.com', 'ana@empresa.com', 'ana@empresa.com'],
  ])('%j keeps %s and matches on %s', (raw, email, key) => {
    expect(normalizeEmail(raw)).toEqual({ ok: true, email, key });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['ana', 'invalid'],
    ['ana@', 'invalid'],
    ['ana@empresa', 'invalid'],
    ['ana silva@empresa.com', 'invalid'],
    ['ana@@empresa.com', 'invalid'],
    ['ana@-empresa.com', 'invalid'],
    ['+promo@gmail.com', 'invalid'],
    [`${'a'.repeat(250)}@x.com`, 'invalid'],
  ])('%j is refused: %s', (raw, reason) => {
    expect(normalizeEmail(raw)).toEqual({ ok: false, reason });
  });

  it('matches the same Gmail mailbox however it is spelled', () => {
    expect(emailKey('Ana.Silva@gmail.com')).toBe(emailKey('anasilva+crm@googlemail.com'));
    expect(emailKey('ana.silva@empresa.com')).not.toBe(emailKey('anasilva@empresa.com'));
  });
});
