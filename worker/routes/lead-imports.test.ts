import { env, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { database } from '../../platform/db.ts';
import { runLeadImport } from '../../services/pipeline/lead-import.ts';
import {
  addMember,
  call,
  listenToOrgHub,
  nextIp,
  ORIGIN,
  signUp,
  type TestUser,
  tableCounts,
} from '../../test/helpers.ts';

async function newBoard(owner: TestUser) {
  const res = await call('/api/v1/boards', { token: owner.token, body: { name: 'Importados' } });
  if (res.status !== 201) throw new Error(`board: ${res.status} ${res.text}`);
  return res.json as { id: string; stages: { id: string; name: string }[] };
}

async function upload(
  owner: TestUser,
  boardId: string,
  body: string | Uint8Array,
  name = 'leads.csv',
) {
  const res = await SELF.fetch(`${ORIGIN}/api/v1/boards/${boardId}/imports?name=${name}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${owner.token}`,
      'content-type': 'text/csv',
      'cf-connecting-ip': nextIp(),
    },
    body,
  });
  return { status: res.status, json: (await res.json()) as any };
}

const start = (owner: TestUser, boardId: string, importId: string, body: unknown) =>
  call(`/api/v1/boards/${boardId}/imports/${importId}/start`, { token: owner.token, body });

/** Polls the import until its job has finished (the real `imports` queue consumer runs it). */
async function waitForImport(
  owner: TestUser,
  boardId: string,
  importId: string,
  timeoutMs = 60_000,
) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await call(`/api/v1/boards/${boardId}/imports/${importId}`, { token: owner.token });
    if (res.json.status === 'done' || res.json.status === 'failed') return res.json;
    if (Date.now() > until) throw new Error(`import still ${res.json.status}: ${res.text}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const leadCount = async (boardId: string) =>
  (await env.DB.prepare('select count(*) as n from leads where board_id = ? and deleted_at is null')
    .bind(boardId)
    .first<{ n: number }>())!.n;

/** An Excel pt-BR export: BOM, `;`, decimal commas, a quoted note with a line break and a `;`. */
const EXCEL_PT_BR =
  '\uFEFFNome;E-mail;Celular;Valor (R$);Etapa;Responsável;Observações;Segmento\r\n' +
  'Ana Souza;ana@clinica.com;(11) 98765-4321;"1.500,00";Proposta;OWNER;"Ligou; quer proposta\r\nretornar sexta";Saúde\r\n' +
  'Bruno Lima;bruno@;(21) 3456-7890;200;Novo;;;Varejo\r\n' +
  'Ana S.;ANA@clinica.com;;;;;Segunda linha da Ana;\r\n' +
  'Caio;caio@x.com;11 8888-7777;abc;Fechado;ninguem@x.com;;\r\n' +
  'Duda;;+55 11 8765-4321;;;;;\r\n' +
  ';;;;;;;\r\n' +
  'Eva;eva@x.com;;;;;;Saúde\r\n';

describe('CSV import', () => {
  it('previews, maps, imports, merges duplicates (in the file and on the board) and reports every refusal', async () => {
    const owner = await signUp();
    const board = await newBoard(owner);
    const existing = await call('/api/v1/leads', {
      token: owner.token,
      body: { boardId: board.id, name: 'Eva (antiga)', email: 'eva@x.com' },
    });
    const csv = EXCEL_PT_BR.replace('OWNER', owner.user.email);
    const uploaded = await upload(owner, board.id, csv, 'exportacao.csv');
    expect(uploaded.status).toBe(201);
    expect(uploaded.json).toMatchObject({
      fileName: 'exportacao.csv',
      delimiter: ';',
      status: 'uploaded',
      totalRows: 6,
      columns: [
        'Nome',
        'E-mail',
        'Celular',
        'Valor (R$)',
        'Etapa',
        'Responsável',
        'Observações',
        'Segmento',
      ],
      suggestedMapping: [
        'name',
        'email',
        'phone',
        'value',
        'stage',
        'owner',
        'notes',
        'custom:segmento',
      ],
    });
    expect(uploaded.json.preview[0][6]).toBe('Ligou; quer proposta\r\nretornar sexta');

    const started = await start(owner, board.id, uploaded.json.id, {
      mapping: uploaded.json.suggestedMapping,
    });
    expect(started.status).toBe(202);
    const done = await waitForImport(owner, board.id, uploaded.json.id);
    expect(done).toMatchObject({
      status: 'done',
      processedRows: 6,
      progress: 100,
      imported: 1,
      merged: 3,
      rejected: 2,
    });
    expect(done.rejections).toEqual([
      {
        line: 4,
        values: expect.any(Array),
        problems: [{ column: 'E-mail', message: 'E-mail is not a valid address.' }],
      },
      {
        line: 6,
        values: expect.any(Array),
        problems: [
          { column: 'Valor (R$)', message: 'Value is not an amount (e.g. 1.500,00).' },
          { column: 'Etapa', message: 'No stage named "Fechado" on this board.' },
          { column: 'Responsável', message: '"ninguem@x.com" is not a member\'s e-mail.' },
        ],
      },
    ]);

    const leads = (await call(`/api/v1/leads?board=${board.id}`, { token: owner.token })).json
      .items;
    expect(leads).toHaveLength(2);
    const ana = leads.find((l: any) => l.name === 'Ana Souza');
    expect(ana).toMatchObject({
      email: 'ana@clinica.com',
      phone: '+5511987654321',
      value: 150_000,
      ownerId: owner.user.id,
      stageId: board.stages.find((s) => s.name === 'Proposta')!.id,
      source: 'import',
      custom: { segmento: 'Saúde' },
      notes: 'Ligou; quer proposta\r\nretornar sexta\n\nSegunda linha da Ana',
    });
    const eva = leads.find((l: any) => l.id === existing.json.id);
    expect(eva).toMatchObject({ name: 'Eva (antiga)', custom: { segmento: 'Saúde' } });

    const rejected = await SELF.fetch(
      `${ORIGIN}/api/v1/boards/${board.id}/imports/${uploaded.json.id}/rejected.csv`,
      { headers: { authorization: `Bearer ${owner.token}`, 'cf-connecting-ip': nextIp() } },
    );
    expect(rejected.headers.get('content-type')).toContain('text/csv');
    const text = await rejected.text();
    const lines = text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      'Nome;E-mail;Celular;Valor (R$);Etapa;Responsável;Observações;Segmento;linha;problemas',
    );
    expect(lines[1]).toBe(
      'Bruno Lima;bruno@;(21) 3456-7890;200;Novo;;;Varejo;4;E-mail: E-mail is not a valid address.',
    );
    expect(lines).toHaveLength(3);
  });

  it('reads a Windows-1252 file with commas', async () => {
    const owner = await signUp();
    const board = await newBoard(owner);
    const latin1 = Uint8Array.from('nome,cidade\nJoão,São Paulo\n', (ch) => ch.charCodeAt(0));
    const res = await upload(owner, board.id, latin1);
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ delimiter: ',', preview: [['João', 'São Paulo']] });
  });

  it.each([
    ['an empty file', ''],
    ['a header without rows', 'nome;email\r\n'],
  ])('refuses %s, writing nothing', async (_, body) => {
    const owner = await signUp();
    const board = await newBoard(owner);
    const before = await tableCounts();
    const res = await upload(owner, board.id, body);
    expect(res.status).toBe(422);
    expect(await tableCounts()).toEqual(before);
  });

  it.each([
    [{ mapping: ['name'] }, 'mapping'],
    [{ mapping: ['company', 'ignore'] }, 'mapping'],
    [{ mapping: ['name', 'name'] }, 'mapping.1'],
    [{ mapping: ['name', 'shoe_size'] }, 'mapping.1'],
    [{ mapping: ['name', 'email'], defaultSource: 'x'.repeat(61) }, 'defaultSource'],
  ])('refuses the start %j naming %s, writing nothing', async (body, path) => {
    const owner = await signUp();
    const board = await newBoard(owner);
    const uploaded = await upload(owner, board.id, 'nome;email\r\nAna;ana@x.com\r\n');
    const before = await tableCounts();
    const res = await start(owner, board.id, uploaded.json.id, body);
    expect(res.status).toBe(422);
    expect(res.json.errors.map((e: any) => e.path)).toContain(path);
    expect(await tableCounts()).toEqual(before);
  });

  it('starts once, keeps other orgs out, and viewers cannot import', async () => {
    const owner = await signUp();
    const board = await newBoard(owner);
    const uploaded = await upload(owner, board.id, 'nome\r\nAna\r\n');
    expect((await start(owner, board.id, uploaded.json.id, { mapping: ['name'] })).status).toBe(
      202,
    );
    expect((await start(owner, board.id, uploaded.json.id, { mapping: ['name'] })).status).toBe(
      409,
    );
    await waitForImport(owner, board.id, uploaded.json.id);
    expect(await leadCount(board.id)).toBe(1);

    const stranger = await signUp();
    const path = `/api/v1/boards/${board.id}/imports/${uploaded.json.id}`;
    expect((await call(path, { token: stranger.token })).status).toBe(404);
    expect((await upload(stranger, board.id, 'nome\r\nX\r\n')).status).toBe(404);
    const strangerBoard = await newBoard(stranger);
    expect(
      (
        await call(`/api/v1/boards/${strangerBoard.id}/imports/${uploaded.json.id}`, {
          token: stranger.token,
        })
      ).status,
    ).toBe(404);

    const viewer = await addMember(owner, 'viewer');
    expect((await upload(viewer, board.id, 'nome\r\nV\r\n')).status).toBe(403);
    expect((await call(path, { token: viewer.token })).json.imported).toBe(1);
  });

  it('a job that dies part-way and runs again creates and counts every row once', async () => {
    const owner = await signUp();
    const board = await newBoard(owner);
    const rows = Array.from(
      { length: 1_200 },
      (_, i) => `Lead ${i};119${String(80_000_000 + (i % 1_100))}`,
    );
    const uploaded = await upload(owner, board.id, `nome;telefone\r\n${rows.join('\r\n')}\r\n`);
    await env.DB.prepare('update lead_imports set mapping = \'["name","phone"]\' where id = ?')
      .bind(uploaded.json.id)
      .run();
    const db = database(env.DB);
    // Dies after the first chunk is stored and counted.
    await expect(
      runLeadImport(env, db, owner.org.id, uploaded.json.id, async () => {
        throw new Error('worker evicted');
      }),
    ).rejects.toThrow('worker evicted');
    expect(await leadCount(board.id)).toBe(500);
    const first = await runLeadImport(env, db, owner.org.id, uploaded.json.id, async () => {});
    expect(first).toMatchObject({ imported: 1_100, merged: 100, rejected: 0 });
    expect(await leadCount(board.id)).toBe(1_100);
    // Every chunk reached the board but no checkpoint survived: the room answers each chunk as
    // it did the first time, so nothing is created or counted twice.
    await env.DB.prepare(
      'update lead_imports set processed_rows = 0, imported = 0, merged = 0, rejected = 0 where id = ?',
    )
      .bind(uploaded.json.id)
      .run();
    const again = await runLeadImport(env, db, owner.org.id, uploaded.json.id, async () => {});
    expect(again).toEqual(first);
    expect(await leadCount(board.id)).toBe(1_100);
    const row = await env.DB.prepare(
      'select processed_rows, imported, merged from lead_imports where id = ?',
    )
      .bind(uploaded.json.id)
      .first();
    expect(row).toEqual({ processed_rows: 1_200, imported: 1_100, merged: 100 });
  }, 60_000);

  it('imports 10,000 rows through the queue without timing out', async () => {
    const owner = await signUp();
    const board = await newBoard(owner);
    const rows = Array.from(
      { length: 10_000 },
      (_, i) =>
        `"Pessoa ${i}, Filho";p${i}@exemplo.com.br;(11) 9${String(1_000_0000 + i).slice(1)};"${i},50"`,
    );
    const uploaded = await upload(
      owner,
      board.id,
      `Nome;Email;Telefone;Valor\r\n${rows.join('\r\n')}\r\n`,
    );
    expect(uploaded.json.totalRows).toBe(10_000);
    const startedAt = Date.now();
    await start(owner, board.id, uploaded.json.id, { mapping: uploaded.json.suggestedMapping });
    const done = await waitForImport(owner, board.id, uploaded.json.id, 240_000);
    const seconds = (Date.now() - startedAt) / 1000;
    console.log(`10,000-row import: ${seconds.toFixed(1)} s`);
    expect(done).toMatchObject({ status: 'done', imported: 10_000, merged: 0, rejected: 0 });
    expect(await leadCount(board.id)).toBe(10_000);
  }, 300_000);
});

describe('CSV import, live', { timeout: 60_000 }, () => {
  it('reports each chunk’s counts by import id, and the job’s end under the job id the import names', async () => {
    const owner = await signUp();
    const board = await newBoard(owner);
    const { events, close } = await listenToOrgHub(owner);

    // 1,200 rows are three chunks of at most 500; every tenth row has no name, phone or e-mail.
    const rows = Array.from({ length: 1200 }, (_, i) =>
      i % 10 === 9 ? ';Sem contato' : `Pessoa ${i};Empresa ${i}`,
    );
    const uploaded = await upload(owner, board.id, `nome;empresa\r\n${rows.join('\r\n')}\r\n`);
    expect(uploaded.json.jobId).toBeNull();
    const started = await start(owner, board.id, uploaded.json.id, {
      mapping: ['name', 'company'],
    });
    expect(started.json.jobId).toEqual(expect.any(String));
    await waitForImport(owner, board.id, uploaded.json.id);
    const until = Date.now() + 5000;
    const ended = () =>
      events.some((e) => e.type === 'job' && e.jobId === started.json.jobId && e.status === 'done');
    while (!ended() && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    close();

    const chunks = events.filter(
      (e) => e.type === 'lead_import' && e.importId === uploaded.json.id,
    );
    expect(chunks.map((e) => [e.processedRows, e.imported, e.rejected])).toEqual([
      [500, 450, 50],
      [1000, 900, 100],
      [1200, 1080, 120],
    ]);
    expect(chunks.every((e) => e.totalRows === 1200 && e.boardId === board.id)).toBe(true);
    const job = events.filter((e) => e.type === 'job' && e.jobId === started.json.jobId);
    expect(job[0]).toMatchObject({ kind: 'lead-import', status: 'running' });
    expect(job.at(-1)).toMatchObject({ status: 'done', progress: 100 });
    // The job's end comes after the last chunk's counts.
    expect(events.indexOf(job.at(-1))).toBeGreaterThan(events.indexOf(chunks.at(-1)));
  });
});
