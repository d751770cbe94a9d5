import { describe, expect, it } from 'vitest';
import { IdentityIndex, type LeadIdentity, suggestDuplicates } from './dedup.ts';
import { foldCompany, foldText, jaroWinkler, textSimilarity } from './similarity.ts';

describe('text similarity', () => {
  it('folds accents, case and punctuation, and drops legal-form words from companies', () => {
    expect(foldText('  José  da SILVA-Ávila ')).toBe('jose da silva avila');
    expect(foldCompany('Padaria Pão Quente Ltda.')).toBe('padaria pao quente');
    expect(foldCompany('Pão Quente Comércio de Alimentos EIRELI')).toBe('pao quente alimentos');
  });

  it.each([
    ['martha', 'marhta', 0.96],
    ['dwayne', 'duane', 0.84],
    ['dixon', 'dicksonx', 0.81],
    ['abc', 'xyz', 0],
    ['', 'abc', 0],
  ])('jaroWinkler(%s, %s) ≈ %d', (a, b, expected) => {
    expect(jaroWinkler(a, b)).toBeCloseTo(expected, 2);
  });

  it('ignores word order', () => {
    expect(textSimilarity('silva ana', 'ana silva')).toBe(1);
  });
});

const lead = (id: string, fields: Omit<LeadIdentity, 'id'>): LeadIdentity => ({ id, ...fields });

describe('IdentityIndex (exact duplicates)', () => {
  const index = new IdentityIndex([
    lead('a', { name: 'Ana', phone: '(11) 98765-4321', email: 'ana@empresa.com' }),
    lead('b', { name: 'Bruno', email: 'Bruno.Lima@gmail.com' }),
  ]);

  it.each([
    [{ phone: '+55 11 8765-4321' }, 'a', 'same_phone'],
    [{ phone: '5511987654321', email: 'bruno.lima@gmail.com' }, 'a', 'same_phone'],
    [{ email: ' ANA@empresa.com ' }, 'a', 'same_email'],
    [{ email: 'brunolima+x@googlemail.com' }, 'b', 'same_email'],
    [{ phone: 'not a phone', email: 'brunolima@gmail.com' }, 'b', 'same_email'],
  ])('%j duplicates %s by %s', (candidate, leadId, code) => {
    expect(index.find(candidate)).toMatchObject({ leadId, reason: { code } });
  });

  it.each([
    [{ phone: '(11) 3765-4321' }],
    [{ phone: '(21) 98765-4321' }],
    [{ email: 'ana@empresa.com.br' }],
    [{}],
  ])('%j is new', (candidate) => {
    expect(index.find(candidate)).toBeNull();
  });

  it('forgets a removed lead, and the first lead keeps a shared key', () => {
    const local = new IdentityIndex();
    const first = lead('1', { phone: '11987654321' });
    local.add(first);
    local.add(lead('2', { phone: '11987654321', email: 'x@y.com' }));
    expect(local.find({ phone: '11 98765-4321' })?.leadId).toBe('1');
    expect(local.find({ email: 'x@y.com' })?.leadId).toBe('2');
    local.remove(first);
    expect(local.find({ phone: '11 98765-4321' })).toBeNull();
  });
});

describe('suggestDuplicates (near matches)', () => {
  const board: LeadIdentity[] = [
    lead('same-person', { name: 'Jose da Silva', company: 'Padaria Pão Quente Ltda' }),
    lead('typo', { name: 'José da Silvaa', company: 'Padaria Pao Quente' }),
    lead('other-company', { name: 'José da Silva', company: 'Oficina Mecânica Rápida' }),
    lead('no-company', { name: 'Silva, José da' }),
    lead('other-person', { name: 'Josefa Sousa', company: 'Padaria Pão Quente' }),
    lead('stranger', { name: 'Marcos Pereira', company: 'Construtora Alfa' }),
    lead('same-phone', { name: 'Zé', phone: '+55 11 98765-4321' }),
  ];
  const target = lead('new', {
    name: 'JOSÉ DA SILVA',
    company: 'Padaria Pão Quente',
    phone: '(11) 8765-4321',
  });

  it('ranks exact matches first, then by similarity, and says why', () => {
    const found = suggestDuplicates(target, board);
    expect(found.map((s) => s.leadId)).toEqual(['same-phone', 'same-person', 'typo', 'no-company']);
    expect(found[0]).toEqual({
      leadId: 'same-phone',
      similarity: 1,
      exact: true,
      reasons: [{ code: 'same_phone', phone: '+5511987654321' }],
    });
    expect(found[1]).toEqual({
      leadId: 'same-person',
      similarity: 1,
      exact: false,
      reasons: [
        { code: 'similar_name', similarity: 1 },
        { code: 'similar_company', similarity: 1 },
      ],
    });
    expect(found[2]!.similarity).toBeGreaterThan(0.95);
    expect(found[2]!.similarity).toBeLessThan(1);
    expect(found[3]).toMatchObject({ similarity: 0.93, reasons: [{ code: 'similar_name' }] });
  });

  it('does not suggest the same name at another company, a different person or the lead itself', () => {
    const ids = suggestDuplicates(target, [...board, target]).map((s) => s.leadId);
    expect(ids).not.toContain('other-company');
    expect(ids).not.toContain('other-person');
    expect(ids).not.toContain('stranger');
    expect(ids).not.toContain('new');
  });

  it('keeps the list short', () => {
    const many = Array.from({ length: 30 }, (_, i) => lead(`l${i}`, { name: 'Jose da Silva' }));
    expect(suggestDuplicates(target, many, 5)).toHaveLength(5);
  });
});
