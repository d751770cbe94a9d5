import { describe, expect, it } from 'vitest';
import type { Lead } from './board-doc.ts';
import { planMerge } from './merge.ts';

const survivor: Lead = {
  id: 'l1',
  stageId: 's1',
  rank: 'a0',
  name: 'Ana Souza',
  company: '',
  email: 'ana@empresa.com',
  phone: '',
  value: 0,
  currency: 'BRL',
  source: 'site',
  ownerId: null,
  tags: ['vip'],
  score: 40,
  nextActivityAt: null,
  custom: { setor: 'saúde' },
  notes: 'Ligou pedindo proposta.',
  lostReason: '',
  createdAt: '2026-12-01T10:00:00.000Z',
  stageEnteredAt: '2026-12-01T10:00:00.000Z',
  updatedAt: '2026-12-01T10:00:00.000Z',
};

describe('planMerge', () => {
  it('fills empty fields, unites tags and custom fields, appends notes, overwrites nothing', () => {
    expect(
      planMerge(survivor, {
        name: 'Ana S.',
        company: 'Clínica Sorriso',
        email: 'outra@empresa.com',
        phone: '+5511987654321',
        value: 500_000,
        currency: 'BRL',
        source: 'whatsapp',
        ownerId: 'user-2',
        tags: ['vip', 'retorno'],
        custom: { setor: 'educação', porte: 'médio' },
        notes: 'Prefere contato à tarde.',
      }),
    ).toEqual({
      patch: {
        company: 'Clínica Sorriso',
        phone: '+5511987654321',
        ownerId: 'user-2',
        value: 500_000,
        currency: 'BRL',
        tags: ['vip', 'retorno'],
        custom: { porte: 'médio' },
        notes: 'Ligou pedindo proposta.\n\nPrefere contato à tarde.',
      },
      filled: ['company', 'phone', 'ownerId', 'value', 'tags', 'custom.porte', 'notes'],
    });
  });

  it('changes nothing when the other record adds nothing (so replays are no-ops)', () => {
    expect(
      planMerge(survivor, {
        name: '',
        email: 'ana@empresa.com',
        tags: ['vip'],
        notes: 'Ligou pedindo proposta.',
        custom: { setor: 'outro' },
      }),
    ).toEqual({ patch: {}, filled: [] });
  });

  it('notes go in as they are when the survivor has none', () => {
    expect(planMerge({ ...survivor, notes: '  ' }, { notes: 'Nova nota' }).patch.notes).toBe(
      'Nova nota',
    );
  });
});
