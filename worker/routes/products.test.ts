import { describe, expect, it } from 'vitest';
import { addMember, call, signUp, type TestUser, tableCounts } from '../../test/helpers.ts';

const good = {
  title: 'Garrafa térmica inteligente',
  description: 'Mostra a temperatura na tampa.',
  category: 'kitchen',
  keywords: ['garrafa', 'térmica'],
  supplierCostMinor: 2_290,
  marketPriceMinor: 8_990,
  signals: { monthlyOrders: 2_400, rating: 4.7, competingAds: 35 },
};

const create = (user: TestUser, body: Record<string, unknown> = good) =>
  call('/api/v1/products', { token: user.token, body });

async function waitForJob(user: TestUser, jobId: string) {
  const until = Date.now() + 15_000;
  for (;;) {
    const res = await call(`/api/v1/jobs/${jobId}`, { token: user.token });
    if (res.json?.status === 'done' || res.json?.status === 'failed') return res.json;
    if (Date.now() > until) throw new Error(`job ${jobId} still ${res.json?.status}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('products', () => {
  it('start scouted, qualify with a score and every reason, and list by status', async () => {
    const owner = await signUp();
    const created = await create(owner);
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ status: 'scouted', verdict: null, source: 'manual' });

    const judged = await call(`/api/v1/products/${created.json.id}/qualify`, {
      method: 'POST',
      token: owner.token,
    });
    expect(judged.status).toBe(200);
    expect(judged.json.status).toBe('qualified');
    expect(judged.json.verdict.score).toBeGreaterThanOrEqual(70);
    const codes = judged.json.verdict.reasons.map((r: { code: string }) => r.code);
    expect(codes).toEqual(expect.arrayContaining(['category', 'margin', 'price_range', 'score']));

    const thin = await create(owner, { ...good, title: 'Fone caro', supplierCostMinor: 7_000 });
    const rejected = await call(`/api/v1/products/${thin.json.id}/qualify`, {
      method: 'POST',
      token: owner.token,
    });
    expect(rejected.json.status).toBe('rejected');
    expect(rejected.json.verdict.reasons).toContainEqual(
      expect.objectContaining({ code: 'margin', ok: false, minimumPercent: 40 }),
    );

    const list = await call('/api/v1/products?status=rejected', { token: owner.token });
    expect(list.json.items.map((p: { id: string }) => p.id)).toEqual([thin.json.id]);
  });

  it('follow the org’s rules: allow-list, blocked terms, minimum score', async () => {
    const owner = await signUp();
    const rules = await call('/api/v1/ads/settings/viability', {
      method: 'PUT',
      token: owner.token,
      body: { allowedCategories: ['kitchen'], blockedTerms: ['inteligente'], minScore: 10 },
    });
    expect(rules.status).toBe(200);
    expect(rules.json.minMarginPercent).toBe(40);
    const p = await create(owner);
    const judged = await call(`/api/v1/products/${p.json.id}/qualify`, {
      method: 'POST',
      token: owner.token,
    });
    expect(judged.json.status).toBe('rejected');
    expect(judged.json.verdict.reasons).toContainEqual({
      code: 'blocked_term',
      ok: false,
      term: 'inteligente',
      field: 'title',
    });

    const bad = await call('/api/v1/ads/settings/viability', {
      method: 'PUT',
      token: owner.token,
      body: { weights: { conversionPotential: 0, competition: 0, margin: 0 }, minScore: 101 },
    });
    expect(bad.status).toBe(422);
    expect(bad.json.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'minScore',
      'weights',
    ]);
  });

  it('approve or reject by hand; overruling the rules needs a note', async () => {
    const owner = await signUp();
    const p = await create(owner, { ...good, category: 'supplements' });
    await call(`/api/v1/products/${p.json.id}/qualify`, { method: 'POST', token: owner.token });
    const noNote = await call(`/api/v1/products/${p.json.id}/approve`, {
      token: owner.token,
      body: {},
    });
    expect(noNote.status).toBe(422);
    expect(noNote.json.errors[0].path).toBe('note');
    const approved = await call(`/api/v1/products/${p.json.id}/approve`, {
      token: owner.token,
      body: { note: 'Fornecedor com registro na Anvisa' },
    });
    expect(approved.json).toMatchObject({
      status: 'qualified',
      decision: { by: owner.user.id, note: 'Fornecedor com registro na Anvisa' },
    });
    expect(approved.json.verdict.reasons).toContainEqual(
      expect.objectContaining({ code: 'category', ok: false }),
    );
    // Editing the data withdraws every verdict: it judged other data.
    const edited = await call(`/api/v1/products/${p.json.id}`, {
      method: 'PATCH',
      token: owner.token,
      body: { category: 'kitchen' },
    });
    expect(edited.json).toMatchObject({ status: 'scouted', verdict: null, decision: null });
  });

  it('refuse bad input naming the field and write nothing; viewers only read', async () => {
    const owner = await signUp();
    const before = await tableCounts();
    const bad = await create(owner, { ...good, marketPriceMinor: -5, category: 'Cozinha Top!' });
    expect(bad.status).toBe(422);
    expect(bad.json.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'category',
      'marketPriceMinor',
    ]);
    expect(await tableCounts()).toEqual(before);

    const viewer = await addMember(owner, 'viewer');
    expect((await create(viewer)).status).toBe(403);
    expect((await call('/api/v1/products', { token: viewer.token })).status).toBe(200);
  });

  it('are invisible to other orgs', async () => {
    const owner = await signUp();
    const other = await signUp();
    const p = await create(owner);
    for (const [method, path, body] of [
      ['GET', `/api/v1/products/${p.json.id}`, undefined],
      ['PATCH', `/api/v1/products/${p.json.id}`, { title: 'x' }],
      ['POST', `/api/v1/products/${p.json.id}/qualify`, undefined],
      ['POST', `/api/v1/products/${p.json.id}/reject`, { note: 'x' }],
      ['DELETE', `/api/v1/products/${p.json.id}`, undefined],
    ] as const) {
      const res = await call(path, { method, token: other.token, body });
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    expect((await call('/api/v1/products', { token: other.token })).json.items).toEqual([]);
    const mine = await call(`/api/v1/products/${p.json.id}`, { token: owner.token });
    expect(mine.json.title).toBe(good.title);
  });
});

describe('CSV import', () => {
  it('imports good rows, reports each bad one by line and field, skips known source refs', async () => {
    const owner = await signUp();
    const csv = [
      'title;category;supplier_cost;market_price;keywords;rating;source_ref',
      'Fonte para gatos;pets;43,00;139,90;fonte|gato;4,6;A1',
      '"Kit ""premium"" de elásticos";fitness;21;84,90;;;A2',
      ';fitness;10;20;;;A3',
      'Garrafa;kitchen;abc;89,90;;;A4',
      'Bolsa antifurto;fashion-accessories;1.033,00;1.199,90;;;A5',
    ].join('\r\n');
    const res = await call('/api/v1/products/import', { token: owner.token, body: { csv } });
    expect(res.status).toBe(200);
    expect(res.json.imported).toBe(3);
    expect(res.json.errors).toEqual([
      { line: 4, path: 'title', message: 'title is required.', code: 'required' },
      {
        line: 5,
        path: 'supplierCostMinor',
        message: 'Write an amount such as 19,90.',
        code: 'amount',
      },
    ]);
    const [cats, kit, bag] = res.json.items;
    expect(cats).toMatchObject({
      title: 'Fonte para gatos',
      supplierCostMinor: 4_300,
      marketPriceMinor: 13_990,
      keywords: ['fonte', 'gato'],
      signals: { rating: 4.6 },
      source: 'csv',
      sourceRef: 'A1',
    });
    expect(cats.status).not.toBe('scouted');
    expect(kit.title).toBe('Kit "premium" de elásticos');
    expect(bag).toMatchObject({ supplierCostMinor: 103_300, status: 'rejected' });

    const again = await call('/api/v1/products/import', { token: owner.token, body: { csv } });
    expect(again.json).toMatchObject({ imported: 0, skipped: 3 });
  });

  it('reads a spreadsheet whose header is in Portuguese, accents and spaces as people write them', async () => {
    const owner = await signUp();
    const csv = [
      'Título;Categoria;Custo do fornecedor;Preço de venda;Palavras-chave;Pedidos por mês',
      'Fonte para gatos;pets;43,00;139,90;fonte|gato;1200',
    ].join('\r\n');
    const res = await call('/api/v1/products/import', { token: owner.token, body: { csv } });
    expect(res.status).toBe(200);
    expect(res.json.errors).toEqual([]);
    expect(res.json.items[0]).toMatchObject({
      title: 'Fonte para gatos',
      category: 'pets',
      supplierCostMinor: 4_300,
      marketPriceMinor: 13_990,
      keywords: ['fonte', 'gato'],
      signals: { monthlyOrders: 1200 },
    });
  });

  it('refuses a file without the required columns, importing nothing', async () => {
    const owner = await signUp();
    const before = await tableCounts();
    const res = await call('/api/v1/products/import', {
      token: owner.token,
      body: { csv: 'name,price\nx,1' },
    });
    expect(res.status).toBe(422);
    expect(res.json.errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining(['csv.line1.name', 'csv.line1.title', 'csv.line1.category']),
    );
    expect(await tableCounts()).toEqual(before);
  });
});

describe('scouting', () => {
  it('finds products at the sandbox source in a background job, judged, never twice', async () => {
    const owner = await signUp();
    const started = await call('/api/v1/products/scout', {
      token: owner.token,
      body: { query: '', limit: 50 },
    });
    expect(started.status).toBe(202);
    const job = await waitForJob(owner, started.json.jobId);
    expect(job.status).toBe('done');
    expect(job.result.added).toBeGreaterThan(10);
    expect(job.result.qualified).toBeGreaterThan(0);
    const list = await call('/api/v1/products?limit=200', { token: owner.token });
    expect(list.json.items).toHaveLength(job.result.added);
    const statuses = new Set(list.json.items.map((p: { status: string }) => p.status));
    expect(statuses).toEqual(new Set(['qualified', 'rejected']));
    const replica = list.json.items.find((p: { title: string }) => p.title.includes('réplica'));
    expect(replica.verdict.reasons).toContainEqual(
      expect.objectContaining({ code: 'blocked_term', term: 'réplica' }),
    );

    const again = await call('/api/v1/products/scout', {
      token: owner.token,
      body: { query: '', limit: 50 },
    });
    const second = await waitForJob(owner, again.json.jobId);
    expect(second.result).toMatchObject({ added: 0, alreadyKnown: job.result.added });
  });
});
