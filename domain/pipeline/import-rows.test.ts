import { describe, expect, it } from 'vitest';
import { type RowContext, readImportRow, suggestMapping } from './import-rows.ts';

describe('suggestMapping', () => {
  it('recognises Portuguese and English headers and keeps unknown columns as custom fields', () => {
    expect(
      suggestMapping([
        'Nome',
        'E-mail',
        'Celular',
        'WhatsApp',
        'Razão Social',
        'Valor (R$)',
        'Origem',
        'Segmento de Atuação',
        '',
        'ETAPA',
        'Responsável',
        'Observações',
      ]),
    ).toEqual([
      'name',
      'email',
      'phone',
      'custom:whatsapp',
      'company',
      'value',
      'source',
      'custom:segmento_de_atuacao',
      'ignore',
      'stage',
      'owner',
      'notes',
    ]);
  });

  it('never maps two columns to the same target', () => {
    expect(suggestMapping(['name', 'Name', 'NAME'])).toEqual(['name', 'custom:name', 'ignore']);
  });
});

describe('readImportRow', () => {
  const headers = ['Nome', 'Email', 'Telefone', 'Valor', 'Etapa', 'Responsável', 'Tags', 'Setor'];
  const ctx: RowContext = {
    headers,
    mapping: ['name', 'email', 'phone', 'value', 'stage', 'owner', 'tags', 'custom:setor'],
    stagesByName: new Map([['proposta enviada', 'stage-2']]),
    membersByEmail: new Map([['carla@agencia.com', 'user-carla']]),
    defaultSource: 'import',
  };

  it('cleans a good row into a lead', () => {
    expect(
      readImportRow(
        [
          ' Ana Souza ',
          'Ana@Empresa.com',
          '(11) 8765-4321',
          'R$ 2.000,00',
          'Proposta Enviada',
          'CARLA@agencia.com',
          'vip; indicação;vip',
          'Saúde',
        ],
        ctx,
      ),
    ).toEqual({
      ok: true,
      lead: {
        name: 'Ana Souza',
        email: 'ana@empresa.com',
        phone: '+5511987654321',
        value: 200_000,
        stageId: 'stage-2',
        ownerId: 'user-carla',
        tags: ['vip', 'indicação'],
        source: 'import',
        custom: { setor: 'Saúde' },
      },
    });
  });

  it('names a lead without a name by its e-mail or phone; short rows are fine', () => {
    expect(readImportRow(['', '', '11987654321'], ctx)).toEqual({
      ok: true,
      lead: { name: '+55 11 98765-4321', phone: '+5511987654321', source: 'import' },
    });
  });

  it('lists every problem of a bad row, by column', () => {
    expect(
      readImportRow(['Ana', 'ana@', '98765-4321', 'muito', 'Fechado', 'x@y.com', '', ''], ctx),
    ).toEqual({
      ok: false,
      problems: [
        { column: 'Email', message: 'E-mail is not a valid address.' },
        { column: 'Telefone', message: 'Phone has no area code (DDD).' },
        { column: 'Valor', message: 'Value is not an amount (e.g. 1.500,00).' },
        { column: 'Etapa', message: 'No stage named "Fechado" on this board.' },
        { column: 'Responsável', message: '"x@y.com" is not a member\'s e-mail.' },
      ],
    });
  });

  it('refuses a row with nothing to identify the lead, and overlong text', () => {
    expect(readImportRow(['', '', '', '100'], ctx)).toEqual({
      ok: false,
      problems: [{ column: '', message: 'The row needs a name, an e-mail or a phone.' }],
    });
    expect(readImportRow(['x'.repeat(121)], ctx)).toEqual({
      ok: false,
      problems: [{ column: 'Nome', message: 'At most 120 characters.' }],
    });
  });
});
