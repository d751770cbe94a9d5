/**
 * @module The demo org's sales board: five stages and 30 leads of a Brazilian agency's funnel,
 * written through the board's room like any other change. Fixed ids; the D1 board row is written
 * last, so a seed cut short is finished by the next run and a complete one is left alone.
 */
import { eq } from 'drizzle-orm';
import { DEFAULT_STAGES } from '../../schema/inputs/pipeline.ts';
import { boards } from '../../schema/pipeline.ts';
import { database } from '../db.ts';
import type { Env } from '../env.ts';
import { boardRoom, unwrap } from './boards.ts';

export const DEMO_BOARD_ID = '00000000-0000-7000-8000-0000000b0a00';
const stageId = (i: number) =>
  `00000000-0000-7000-8000-0000000b0a${String(i + 1).padStart(2, '0')}`;
const leadId = (i: number) => `00000000-0000-7000-8000-0000000b1${String(i).padStart(3, '0')}`;

const PEOPLE = [
  'Mariana Costa',
  'João Pereira',
  'Fernanda Lima',
  'Rafael Souza',
  'Beatriz Alves',
  'Lucas Oliveira',
  'Camila Rocha',
  'Thiago Martins',
  'Juliana Ribeiro',
  'Pedro Carvalho',
];
const COMPANIES = [
  'Padaria Pão Quente',
  'Clínica Sorriso',
  'Auto Peças Silva',
  'Studio Fit',
  'Imobiliária Horizonte',
  'Pet Shop Amigo Fiel',
  'Restaurante Sabor Mineiro',
  'Ótica Visão',
  'Escola Aprender',
  'Loja Moda Bella',
];
const SOURCES = ['site', 'instagram', 'whatsapp', 'google_ads', 'indicação'];
const TAGS = [['quente'], ['retorno'], [], ['vip', 'quente'], ['orçamento']];

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
  for (let i = 0; i < 30; i++) {
    const person = PEOPLE[i % PEOPLE.length]!;
    const company = COMPANIES[(i * 3) % COMPANIES.length]!;
    const [first, last] = person
      .toLowerCase()
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .split(' ');
    unwrap(
      await room.createLead(
        {
          stageId: stageId(i % DEFAULT_STAGES.length),
          name: person,
          company,
          email: `${first}.${last}${i}@exemplo.com.br`,
          phone: `+55 11 9${String(8000_0000 + i * 7919).slice(0, 4)}-${String(1000 + i * 37).slice(-4)}`,
          value: (5 + ((i * 13) % 40)) * 100_00,
          source: SOURCES[i % SOURCES.length]!,
          ownerId: ownerIds[i % ownerIds.length] ?? null,
          tags: TAGS[i % TAGS.length]!,
          score: (i * 17) % 101,
          nextActivityAt:
            i % 3 === 0 ? new Date(Date.UTC(2026, 11, 8) + (i % 9) * day).toISOString() : null,
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
