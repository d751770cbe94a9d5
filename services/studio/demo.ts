/**
 * @module The studio's part of the demo organization: two templates of its own and a few finished
 * generations (text from a built-in template, an image, a voice clip), requested through the same
 * service as the API with fixed idempotency keys, so seeding again changes nothing. The local
 * queue consumer runs them on the sandbox provider.
 */

import { eq } from 'drizzle-orm';
import { database, orgScope } from '../../platform/db.ts';
import type { Env } from '../../platform/env.ts';
import type { GenerationInput } from '../../schema/inputs/studio.ts';
import { studioGenerations, studioTemplates } from '../../schema/studio.ts';
import { ledgerOf } from '../credits/ledger-client.ts';
import { requestGeneration } from './generations.ts';

const TEMPLATES = [
  {
    id: '00000000-0000-7000-8000-0000000057a1',
    name: 'Oferta da semana (Stories)',
    modality: 'text' as const,
    locale: 'pt-BR',
    prompt:
      'Escreva 3 textos curtos para Stories anunciando {{produto}} por {{preco}}, válido até {{prazo}}. Tom animado, com emoji.',
    variables: [
      { name: 'produto', label: 'Produto', kind: 'text' as const, required: true, maxLength: 80 },
      { name: 'preco', label: 'Preço', kind: 'text' as const, required: true, maxLength: 20 },
      { name: 'prazo', label: 'Válido até', kind: 'text' as const, required: true, maxLength: 40 },
    ],
  },
  {
    id: '00000000-0000-7000-8000-0000000057a2',
    name: 'Resposta a avaliação no Google',
    modality: 'text' as const,
    locale: 'pt-BR',
    prompt:
      'Responda com cordialidade a esta avaliação de {{cliente}} ({{estrelas}} estrelas): "{{avaliacao}}". Agradeça e convide a voltar.',
    variables: [
      { name: 'cliente', label: 'Cliente', kind: 'text' as const, required: true, maxLength: 80 },
      {
        name: 'estrelas',
        label: 'Estrelas',
        kind: 'number' as const,
        required: true,
        min: 1,
        max: 5,
      },
      {
        name: 'avaliacao',
        label: 'Avaliação',
        kind: 'longText' as const,
        required: true,
        maxLength: 1000,
      },
    ],
  },
];

const GENERATIONS: { key: string; favorite: boolean; input: GenerationInput }[] = [
  {
    key: 'demo-studio-caption',
    favorite: true,
    input: {
      modality: 'text',
      templateId: 'instagram-caption.pt-BR',
      variables: {
        product: 'Café Aurora, torra artesanal',
        audience: 'quem trabalha de casa',
        tone: 'inspirador',
        callToAction: 'Peça pelo WhatsApp',
      },
      params: {},
    },
  },
  {
    key: 'demo-studio-image',
    favorite: false,
    input: {
      modality: 'image',
      prompt: 'Vitrine de padaria artesanal com pães e café, luz da manhã',
      params: { size: '1024x1024' },
    },
  },
  {
    key: 'demo-studio-voice',
    favorite: false,
    input: {
      modality: 'speech',
      prompt: 'Promoção de inverno no Café Aurora: leve dois e pague um, só nesta semana!',
      params: {},
    },
  },
];

export async function seedStudioDemo(env: Env, orgId: string, ownerId: string): Promise<string[]> {
  const db = database(env.DB);
  const created: string[] = [];
  for (const template of TEMPLATES) {
    const row = await db
      .insert(studioTemplates)
      .values({ ...template, orgId, createdBy: ownerId })
      .onConflictDoNothing()
      .returning({ id: studioTemplates.id })
      .get();
    if (row) created.push(`studio template ${template.name}`);
  }
  // Paid like any other generation, from the credits the demo seed granted just before.
  for (const demo of GENERATIONS) {
    const { generation, replayed } = await requestGeneration({
      env,
      db,
      c: null,
      who: { kind: 'user', userId: ownerId, orgId, role: 'owner' },
      orgId,
      input: demo.input,
      idempotencyKey: demo.key,
      ledger: ledgerOf(env, orgId),
    });
    if (demo.favorite && !generation.favorite)
      await db
        .update(studioGenerations)
        .set({ favorite: true })
        .where(orgScope(orgId).where(studioGenerations, eq(studioGenerations.id, generation.id)));
    if (!replayed) created.push(`studio ${demo.key}`);
  }
  return created;
}
