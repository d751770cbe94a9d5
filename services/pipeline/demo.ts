/**
 * @module The demo org's sales board: the default stages (won and lost included) and 30 leads of
 * a Brazilian agency's funnel, each a different person and business, the lost ones with a loss
 * reason, written through the board's room like any other change. Fixed ids; the D1 board row is
 * written last, so a seed cut short is finished by the next run and a complete one is left alone.
 */
import { eq } from 'drizzle-orm';
import { database } from '../../platform/db.ts';
import type { Env } from '../../platform/env.ts';
import { unwrap } from '../../platform/room-refusal.ts';
import { DEFAULT_STAGES } from '../../schema/inputs/pipeline.ts';
import { boards } from '../../schema/pipeline.ts';
import { boardRoom } from './boards.ts';

export const DEMO_BOARD_ID = '00000000-0000-7000-8000-0000000b0a00';
const stageId = (i: number) =>
  `00000000-0000-7000-8000-0000000b0a${String(i + 1).padStart(2, '0')}`;
const leadId = (i: number) => `00000000-0000-7000-8000-0000000b1${String(i).padStart(3, '0')}`;

/**
 * Thirty different people at thirty different businesses, as a Brazilian agency's funnel holds
 * them: [name, company, city DDD]. No one appears twice, so the board reads like a real one.
 */
const LEADS: readonly [string, string, string][] = [
  ['Mariana Costa', 'Padaria Pão Quente', '11'],
  ['João Pereira', 'Clínica Sorriso Perfeito', '21'],
  ['Fernanda Lima', 'Auto Peças Silva', '31'],
  ['Rafael Souza', 'Studio Fit Academia', '41'],
  ['Beatriz Alves', 'Imobiliária Horizonte', '51'],
  ['Lucas Oliveira', 'Pet Shop Amigo Fiel', '61'],
  ['Camila Rocha', 'Restaurante Sabor Mineiro', '31'],
  ['Thiago Martins', 'Ótica Visão Clara', '71'],
  ['Juliana Ribeiro', 'Escola Aprender Mais', '81'],
  ['Pedro Carvalho', 'Loja Moda Bella', '85'],
  ['Larissa Gomes', 'Hamburgueria Brasa Viva', '11'],
  ['Gustavo Ferreira', 'Oficina Mecânica Roda Boa', '19'],
  ['Aline Barbosa', 'Salão Beleza Pura', '27'],
  ['Diego Nascimento', 'Construtora Alicerce', '62'],
  ['Patrícia Mendes', 'Floricultura Jardim Secreto', '48'],
  ['Rodrigo Teixeira', 'Distribuidora Bom Preço', '11'],
  ['Vanessa Cardoso', 'Consultório Dra. Vanessa Cardoso', '21'],
  ['Bruno Araújo', 'Cervejaria Serra Alta', '54'],
  ['Letícia Moreira', 'Doceria Açúcar e Afeto', '13'],
  ['Felipe Correia', 'Academia Corpo em Movimento', '92'],
  ['Renata Dias', 'Escritório Dias Contabilidade', '16'],
  ['André Monteiro', 'Marcenaria Monteiro', '47'],
  ['Carolina Pires', 'Clínica Veterinária Patinhas', '84'],
  ['Marcelo Freitas', 'Autoescola Via Certa', '98'],
  ['Tatiane Lopes', 'Loja de Móveis Casa Nova', '65'],
  ['Eduardo Cunha', 'Pousada Mar Azul', '82'],
  ['Priscila Batista', 'Estúdio de Pilates Equilíbrio', '11'],
  ['Vinícius Ramos', 'Lava-Rápido Brilho Total', '24'],
  ['Daniela Castro', 'Papelaria Ponto Final', '35'],
  ['Leonardo Azevedo', 'Sorveteria Gelato da Praça', '83'],
];
const SOURCES = ['site', 'instagram', 'whatsapp', 'google_ads', 'indicação'];
const TAGS = [['quente'], ['retorno'], [], ['vip', 'quente'], ['orçamento']];
/** Why the deals in the lost stage were lost: what agencies hear most. */
const LOSS_REASONS = [
  'Preço',
  'Escolheu a concorrência',
  'Sem resposta',
  'Sem orçamento agora',
  'Não era o perfil',
];

export async function seedPipelineDemo(
  env: Env,
  orgId: string,
  ownerIds: readonly string[],
): Promise<string[]> {
  const db = database(env.DB);
  const done = await db
    .select({ id: boards.id })
    .from(boards)
    .where(eq(boards.id, DEMO_BOARD_ID))
    .get();
  if (done) return [];
  const room = boardRoom(env, DEMO_BOARD_ID);
  const system = { kind: 'system' } as const;
  unwrap(
    await room.initialize({
      orgId,
      name: 'Vendas',
      currency: 'BRL',
      stages: DEFAULT_STAGES.map((stage, i) => ({ ...stage, id: stageId(i), rottingDays: 7 })),
    }),
  );
  const day = 24 * 3600 * 1000;
  for (const [i, [person, company, ddd]] of LEADS.entries()) {
    const [first, last] = person
      .toLowerCase()
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .split(' ');
    const stage = DEFAULT_STAGES[i % DEFAULT_STAGES.length]!;
    unwrap(
      await room.createLead(
        {
          stageId: stageId(i % DEFAULT_STAGES.length),
          name: person,
          company,
          email: `${first}.${last}@exemplo.com.br`,
          phone: `+55 ${ddd} 9${String(8100 + ((i * 397) % 1800))}-${String(1000 + ((i * 7919) % 9000)).slice(-4)}`,
          value: (5 + ((i * 13) % 40)) * 100_00,
          source: SOURCES[i % SOURCES.length]!,
          ownerId: ownerIds[i % ownerIds.length] ?? null,
          tags: TAGS[i % TAGS.length]!,
          score: (i * 17) % 101,
          nextActivityAt:
            i % 3 === 0 ? new Date(Date.UTC(2026, 11, 8) + (i % 9) * day).toISOString() : null,
          ...('outcome' in stage && stage.outcome === 'lost'
            ? { lostReason: LOSS_REASONS[i % LOSS_REASONS.length]! }
            : {}),
        },
        { id: leadId(i) },
        system,
      ),
    );
  }
  await db
    .insert(boards)
    .values({
      id: DEMO_BOARD_ID,
      orgId,
      name: 'Vendas',
      currency: 'BRL',
      createdBy: ownerIds[0] ?? null,
    })
    .onConflictDoNothing();
  return ['pipeline board'];
}
