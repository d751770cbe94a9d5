import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  builtInTemplates,
  renderTemplate,
  variablesSchema,
} from '../../schema/inputs/studio-templates.ts';
import { call, signUp } from '../../test/helpers.ts';
import { generate, waitForGeneration } from '../../test/studio.ts';

const KEYS = [
  'instagram-caption',
  'ad-headlines',
  'product-description',
  'whatsapp-follow-up',
  'blog-outline',
  'voice-over-script',
];

describe('built-in templates', () => {
  it.each(['pt-BR', 'en'] as const)(
    'exist in %s, each prompt using exactly its variables',
    (locale) => {
      const templates = builtInTemplates(locale);
      expect(templates.map((t) => t.id)).toEqual(KEYS.map((k) => `${k}.${locale}`));
      for (const t of templates) {
        const used = [...t.prompt.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
        expect([...new Set(used)], t.id).toEqual(t.variables.map((x) => x.name).sort());
        for (const x of t.variables) expect(x.label, `${t.id} ${x.name}`).toBeTruthy();
      }
    },
  );

  it('validate their variables with the schema the form uses', () => {
    const [, headlines] = builtInTemplates('pt-BR');
    const schema = variablesSchema(headlines!.variables);
    const ok = v.safeParse(schema, {
      product: 'Tênis de corrida',
      benefit: 'amortecimento',
      count: 5,
      platform: 'Google Ads',
    });
    expect(ok.success).toBe(true);
    const bad = v.safeParse(schema, {
      product: '  ',
      benefit: 'x',
      count: 50,
      platform: 'TikTok',
      extra: 'no',
    });
    expect(bad.issues?.map((i) => v.getDotPath(i)).sort()).toEqual([
      'count',
      'extra',
      'platform',
      'product',
    ]);
  });

  it('render values into the prompt', () => {
    expect(renderTemplate('Olá {{name}}, veja {{ offer }}.', { name: 'Ana', offer: 10 })).toBe(
      'Olá Ana, veja 10.',
    );
    expect(renderTemplate('Post sobre {{topic}} {{tag}}', { topic: 'café', tag: '' })).toBe(
      'Post sobre café',
    );
  });
});

describe('templates through the API', () => {
  it('lists built-ins in the asked locale, then the org’s own', async () => {
    const owner = await signUp();
    const created = await call('/api/v1/studio/templates', {
      token: owner.token,
      body: {
        name: 'Promo relâmpago',
        modality: 'text',
        locale: 'pt-BR',
        prompt: 'Anuncie {{produto}} com {{desconto}}% de desconto',
        variables: [
          { name: 'produto', label: 'Produto', kind: 'text', maxLength: 60 },
          { name: 'desconto', label: 'Desconto', kind: 'number', min: 5, max: 90 },
        ],
      },
    });
    expect(created.status).toBe(201);
    const list = await call('/api/v1/studio/templates?locale=pt-BR', { token: owner.token });
    expect(list.json.items).toHaveLength(KEYS.length + 1);
    expect(list.json.items.at(-1)).toMatchObject({ id: created.json.id, builtIn: false });
    const english = await call('/api/v1/studio/templates?locale=en', { token: owner.token });
    expect(english.json.items.map((t: any) => t.id)).toEqual(KEYS.map((k) => `${k}.en`));
  });

  it('a generation from a template renders its variables, and names a bad one', async () => {
    const owner = await signUp();
    const bad = await call('/api/v1/studio/estimate', {
      token: owner.token,
      body: {
        modality: 'text',
        templateId: 'ad-headlines.pt-BR',
        variables: { product: 'Café', benefit: 'sabor', count: 99, platform: 'Google Ads' },
      },
    });
    expect(bad.status).toBe(422);
    expect(bad.json.errors).toEqual([
      {
        path: 'variables.count',
        message: 'Quantidade must be at most 10.',
        code: 'too_large',
        params: { max: 10 },
      },
    ]);

    const accepted = await generate(owner, {
      modality: 'text',
      templateId: 'instagram-caption.pt-BR',
      variables: {
        product: 'Brigadeiro gourmet',
        audience: 'quem ama doces',
        tone: 'descontraído',
        callToAction: 'Peça já pelo link na bio',
      },
    });
    expect(accepted.status).toBe(202);
    const done = await waitForGeneration(owner, accepted.json.id);
    expect(done.templateId).toBe('instagram-caption.pt-BR');
    expect(done.prompt).toBe(
      'Escreva uma legenda para Instagram sobre Brigadeiro gourmet para quem ama doces, em tom descontraído. Use até 3 emojis, termine com a chamada "Peça já pelo link na bio" e inclua 5 hashtags relevantes em português.',
    );
    expect(done.status).toBe('done');
  });

  it.each([
    [{ modality: 'image', templateId: 'blog-outline.en', prompt: 'x' }, 'templateId'],
    [{ modality: 'text', templateId: 'no-such-template', prompt: 'x' }, 'templateId'],
    [{ modality: 'text', variables: { a: 'b' } }, 'templateId'],
    [
      { modality: 'text', templateId: 'blog-outline.en', prompt: 'x', variables: { a: 'b' } },
      'variables',
    ],
    [{ modality: 'text' }, 'prompt'],
    [{ modality: 'text', prompt: 'x', params: { size: '512x512' } }, 'params.size'],
    [{ modality: 'image', prompt: 'x', params: { size: '640x480' } }, 'provider'],
    [
      { modality: 'image', prompt: 'x', provider: 'sandbox', params: { size: '640x480' } },
      'params.size',
    ],
    [{ modality: 'text', prompt: 'x', model: 'gpt-4o-mini' }, 'provider'],
    [{ modality: 'text', prompt: 'x', provider: 'sandbox', model: 'gpt-4o-mini' }, 'model'],
    [{ modality: 'speech', prompt: 'x'.repeat(5000) }, 'prompt'],
  ])('refuses %j naming %s', async (body, path) => {
    const owner = await signUp();
    const res = await call('/api/v1/studio/estimate', { token: owner.token, body });
    expect(res.status).toBe(422);
    expect(res.json.errors.map((e: any) => e.path)).toContain(path);
  });

  it('are changed and deleted by the org, keeping prompt and variables in agreement', async () => {
    const owner = await signUp();
    const created = await call('/api/v1/studio/templates', {
      token: owner.token,
      body: {
        name: 'Aviso',
        modality: 'text',
        locale: 'en',
        prompt: 'Announce {{thing}}',
        variables: [{ name: 'thing', label: 'Thing', kind: 'text' }],
      },
    });
    const path = `/api/v1/studio/templates/${created.json.id}`;
    const broken = await call(path, {
      method: 'PATCH',
      token: owner.token,
      body: { prompt: 'Announce {{thing}} on {{day}}' },
    });
    expect(broken.status).toBe(422);
    expect(broken.json.errors[0].path).toBe('prompt');
    const fixed = await call(path, {
      method: 'PATCH',
      token: owner.token,
      body: {
        prompt: 'Announce {{thing}} on {{day}}',
        variables: [
          { name: 'thing', label: 'Thing', kind: 'text' },
          { name: 'day', label: 'Day', kind: 'choice', options: ['Monday', 'Friday'] },
        ],
      },
    });
    expect(fixed.status).toBe(200);
    expect(fixed.json.variables).toHaveLength(2);
    expect((await call(path, { method: 'DELETE', token: owner.token })).status).toBe(204);
    expect((await call(path, { method: 'DELETE', token: owner.token })).status).toBe(404);
  });

  it('a choice variable needs options', async () => {
    const owner = await signUp();
    const res = await call('/api/v1/studio/templates', {
      token: owner.token,
      body: {
        name: 'X',
        modality: 'text',
        locale: 'en',
        prompt: '{{day}}',
        variables: [{ name: 'day', label: 'Day', kind: 'choice' }],
      },
    });
    expect(res.status).toBe(422);
    expect(res.json.errors[0].path).toBe('variables.0.options');
  });
});
