/**
 * `npm run bench:sync [-- --url http://127.0.0.1:8787] [--clients 50] [--edits 2000] [--leads 10000] [--json]`
 *
 * Live sync on one board, in one run, against a Worker: by default one it starts itself on fresh
 * local state, reached at workerd's own address (not through `wrangler dev`'s reload proxy, a hop
 * a deployed Worker does not have and the reference server does not pay); with `--url`, that one.
 * - 50 clients on one PipelineBoard; 2,000 edits, each by a random client A, timed until a random
 *   other client B sees it (every client receives every edit). p50/p95 beside (a) the floor: the
 *   same Yjs clients making the same edits through a bare WebSocket echo Durable Object on the
 *   same server (`/api/dev/echo/:id`), which relays bytes and does nothing else, and (b) the
 *   reference Node Yjs server (y-websocket's) with the same clients and edits. Ratios printed.
 *   All clients live in this one process, so each edit's latency includes decoding it in up to
 *   49 clients before B; the floor pays that too, which leaves the room's own cost in the ratio.
 * - Time for a new client to load a 10,000-lead board, and the stored (compacted) document's size
 *   against the same leads as JSON.
 * Goals (issue 3): p95 ≤ 1.5× the echo floor and ≤ the reference server; stored doc ≤ 2× JSON.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import {
  addLeads,
  leadsMap,
  readBoard,
  readStages,
  updateLead,
} from '../domain/pipeline/board-doc.ts';
import { ensureDevVars } from '../scripts/dev-secrets.ts';
import { freePort, migrateLocal, startWorkerDirect } from '../scripts/dev-stack.ts';

const { values: args } = parseArgs({
  options: {
    url: { type: 'string' },
    clients: { type: 'string', default: '50' },
    edits: { type: 'string', default: '2000' },
    leads: { type: 'string', default: '10000' },
    json: { type: 'boolean', default: false },
  },
});
const CLIENTS = Number(args.clients);
const EDITS = Number(args.edits);
/**
 * Untimed edits before each measurement, so that warming up (the JIT here and in the server, a
 * fresh room's first projection) does not weigh on whichever server is measured first.
 */
const WARMUP_EDITS = 200;
const BIG_BOARD_LEADS = Number(args.leads);
const say = (line: string) => {
  if (!args.json) console.log(line);
};

const FROM_SERVER = Symbol('server');

/** A Yjs client over `ws`, speaking the y-protocols sync messages (as the web app's provider does). */
interface SyncClient {
  doc: Y.Doc;
  ws: WebSocket;
  synced: Promise<void>;
}

/**
 * Without `handshake` the client only sends and applies updates: that is all the echo room can
 * carry (it relays, never answers), and the doc must then start with the board's state.
 */
function yjsClient(
  url: string,
  doc = new Y.Doc(),
  {
    handshake = true,
    headers = {},
  }: { handshake?: boolean; headers?: Record<string, string> } = {},
): Promise<SyncClient> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers, perMessageDeflate: false });
    ws.binaryType = 'arraybuffer';
    let markSynced: () => void = () => {};
    const synced = new Promise<void>((ok) => {
      markSynced = ok;
    });
    ws.on('message', (data: ArrayBuffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(decoder) !== 0) return;
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 0);
      const kind = syncProtocol.readSyncMessage(decoder, encoder, doc, FROM_SERVER);
      if (kind === syncProtocol.messageYjsSyncStep2) markSynced();
      if (encoding.length(encoder) > 1) ws.send(encoding.toUint8Array(encoder));
    });
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === FROM_SERVER || ws.readyState !== WebSocket.OPEN) return;
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 0);
      syncProtocol.writeUpdate(encoder, update);
      ws.send(encoding.toUint8Array(encoder));
    });
    ws.once('open', () => {
      if (handshake) {
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, 0);
        syncProtocol.writeSyncStep1(encoder, doc);
        ws.send(encoding.toUint8Array(encoder));
      } else markSynced();
      resolve({ doc, ws, synced });
    });
    ws.once('error', reject);
  });
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const round = (ms: number) => Math.round(ms * 100) / 100;

function summary(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)) };
}

function pickTwo(n: number): [number, number] {
  const a = Math.floor(Math.random() * n);
  const b = (a + 1 + Math.floor(Math.random() * (n - 1))) % n;
  return [a, b];
}

/** Each edit by a random A, timed until a random other B has it (after the warm-up). */
async function measureYjs(clients: SyncClient[], leadIds: string[]): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < WARMUP_EDITS + EDITS; i++) {
    const [a, b] = pickTwo(clients.length);
    const leadId = leadIds[i % leadIds.length]!;
    const marker = 1_000_000 + i;
    const watcher = clients[b]!.doc;
    const started = performance.now();
    const seen = new Promise<void>((ok) => {
      const check = () => {
        if (leadsMap(watcher).get(leadId)?.get('value') === marker) {
          watcher.off('update', check);
          ok();
        }
      };
      watcher.on('update', check);
    });
    updateLead(clients[a]!.doc, leadId, { value: marker });
    await seen;
    if (i >= WARMUP_EDITS) samples.push(performance.now() - started);
  }
  return samples;
}

async function api(url: string, path: string, token: string | null, body?: unknown) {
  const res = await fetch(`${url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      'content-type': 'application/json',
      'cf-connecting-ip': '198.19.0.1',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json()) as any;
  if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

async function roomUrl(url: string, token: string, boardId: string) {
  const ticket = await api(url, '/api/v1/rooms/tickets', token, {
    room: 'pipeline-board',
    id: boardId,
  });
  return `${url.replace(/^http/, 'ws')}${ticket.url}`;
}

/** Realistic leads, as a CSV import would bring them. */
function sampleLeads(stageIds: string[], count: number) {
  const first = [
    'Ana',
    'Bruno',
    'Carla',
    'Diego',
    'Elisa',
    'Fábio',
    'Gabi',
    'Heitor',
    'Iara',
    'João',
  ];
  const last = ['Silva', 'Souza', 'Costa', 'Lima', 'Rocha', 'Alves', 'Pereira', 'Ribeiro'];
  return Array.from({ length: count }, (_, i) => {
    const name = `${first[i % first.length]} ${last[(i * 7) % last.length]}`;
    return {
      stageId: stageIds[i % stageIds.length]!,
      name,
      company: `Empresa ${i % 997} Ltda`,
      email: `${name.toLowerCase().replace(/\W+/g, '.')}${i}@exemplo.com.br`,
      phone: `+55 11 9${String(10_000_000 + ((i * 7919) % 89_999_999)).slice(0, 8)}`,
      value: ((i * 131) % 500) * 100_00,
      source: ['site', 'instagram', 'whatsapp', 'google_ads'][i % 4]!,
      tags: i % 3 === 0 ? ['quente'] : [],
      score: (i * 17) % 101,
    };
  });
}

async function connectAll(urlFor: () => Promise<string>, count: number) {
  const clients: SyncClient[] = [];
  for (let i = 0; i < count; i++) clients.push(await yjsClient(await urlFor()));
  await Promise.all(clients.map((c) => c.synced));
  return clients;
}

async function startReferenceServer(): Promise<{
  url: string;
  stop: () => void;
  child: ChildProcess;
}> {
  const port = await freePort();
  const child = spawn(process.execPath, ['node_modules/y-websocket/bin/server.js'], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/`)).ok) break;
    } catch {}
    await new Promise((ok) => setTimeout(ok, 100));
  }
  return { url: `ws://127.0.0.1:${port}`, stop: () => child.kill('SIGTERM'), child };
}

async function main() {
  let started: { stop(): Promise<void> } | undefined;
  let persistTo: string | undefined;
  ensureDevVars();
  let url = args.url;
  if (!url) {
    persistTo = mkdtempSync(join(tmpdir(), 'gestorlead-bench-sync-'));
    // The Worker needs the assets folder; this benchmark never asks for the SPA.
    if (!existsSync('dist')) mkdirSync('dist');
    migrateLocal(persistTo, true);
    const direct = await startWorkerDirect({ persistTo });
    started = direct;
    url = direct.url;
    say(`started a Worker at ${url}`);
  }
  const devToken = /^DEV_SEED_TOKEN=(.*)$/m.exec(readFileSync('.dev.vars', 'utf8'))?.[1]?.trim();
  if (!devToken) throw new Error('DEV_SEED_TOKEN missing from .dev.vars');
  const reference = await startReferenceServer();
  try {
    const owner = await api(url, '/api/v1/auth/register', null, {
      email: `bench-sync-${Date.now()}@bench.gestorlead.dev`,
      password: 'benchmark password 123',
      name: 'Bench Sync',
      orgName: 'Bench Sync',
    });
    const token: string = owner.accessToken;

    // 1. Edit latency: the board room, the echo floor, the reference server.
    const board = await api(url, '/api/v1/boards', token, { name: 'Bench' });
    const stageIds: string[] = board.stages.map((s: { id: string }) => s.id);
    say(`connecting ${CLIENTS} clients to the board…`);
    const seedClient = await yjsClient(await roomUrl(url, token, board.id));
    await seedClient.synced;
    const leadIds = addLeads(
      seedClient.doc,
      sampleLeads(stageIds, 50).map((fields) => ({ fields })),
    );
    const roomClients = [
      seedClient,
      ...(await connectAll(() => roomUrl(url, token, board.id), CLIENTS - 1)),
    ];
    const boardState = Y.encodeStateAsUpdate(seedClient.doc);
    say(`room: ${EDITS} edits…`);
    const room = summary(await measureYjs(roomClients, leadIds));
    for (const c of roomClients) c.ws.close();

    say(`echo floor: ${EDITS} edits…`);
    const echoUrl = `${url.replace(/^http/, 'ws')}/api/dev/echo/bench-${Date.now()}`;
    const echoClients: SyncClient[] = [];
    for (let i = 0; i < CLIENTS; i++) {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, boardState);
      echoClients.push(
        await yjsClient(echoUrl, doc, {
          handshake: false,
          headers: { 'x-dev-seed-token': devToken },
        }),
      );
    }
    const echo = summary(await measureYjs(echoClients, leadIds));
    for (const c of echoClients) c.ws.close();

    say(`reference server (y-websocket): ${EDITS} edits…`);
    const refRoom = `${reference.url}/bench-${Date.now()}`;
    const refSeed = await yjsClient(refRoom);
    await refSeed.synced;
    Y.applyUpdate(refSeed.doc, boardState);
    const refClients = [refSeed, ...(await connectAll(async () => refRoom, CLIENTS - 1))];
    await new Promise((ok) => setTimeout(ok, 500));
    const ref = summary(await measureYjs(refClients, leadIds));
    for (const c of refClients) c.ws.close();

    // 2. A 10,000-lead board: load time for a newcomer, stored size against JSON.
    say(`filling a ${BIG_BOARD_LEADS}-lead board…`);
    const big = await api(url, '/api/v1/boards', token, { name: 'Bench 10k' });
    const bigStages: string[] = big.stages.map((s: { id: string }) => s.id);
    const filler = await yjsClient(await roomUrl(url, token, big.id));
    await filler.synced;
    const rows = sampleLeads(bigStages, BIG_BOARD_LEADS);
    // Imports arrive in chunks under the room's message limit.
    for (let i = 0; i < rows.length; i += 1000) {
      addLeads(
        filler.doc,
        rows.slice(i, i + 1000).map((fields) => ({ fields })),
      );
    }
    const witness = await yjsClient(await roomUrl(url, token, big.id));
    await witness.synced;
    while (leadsMap(witness.doc).size < BIG_BOARD_LEADS)
      await new Promise((ok) => setTimeout(ok, 50));
    filler.ws.close();
    witness.ws.close();
    const loadTimes: number[] = [];
    for (let run = 0; run < 3; run++) {
      const ticketUrl = await roomUrl(url, token, big.id);
      const started = performance.now();
      const newcomer = await yjsClient(ticketUrl);
      await newcomer.synced;
      const board = readBoard(newcomer.doc);
      loadTimes.push(performance.now() - started);
      if (board.leads.length !== BIG_BOARD_LEADS) throw new Error('newcomer got a partial board');
      newcomer.ws.close();
    }
    const stored = await api(url, `/api/v1/boards/${big.id}/storage?compact=true`, token);
    const snapshot = readBoard(witness.doc);
    const jsonBytes = Buffer.byteLength(
      JSON.stringify({
        board: snapshot.board,
        stages: readStages(witness.doc),
        leads: snapshot.leads,
      }),
    );
    const loadMs = round([...loadTimes].sort((a, b) => a - b)[1]!);

    const figures = {
      clients: CLIENTS,
      edits: EDITS,
      editLatencyMs: { room, echoFloor: echo, reference: ref },
      ratios: {
        p95VsEchoFloor: round(room.p95 / echo.p95),
        p95VsReference: round(room.p95 / ref.p95),
        p50VsEchoFloor: round(room.p50 / echo.p50),
        p50VsReference: round(room.p50 / ref.p50),
      },
      bigBoard: {
        leads: BIG_BOARD_LEADS,
        newcomerLoadMs: loadMs,
        storedBytes: stored.snapshotBytes,
        jsonBytes,
        storedVsJson: round(stored.snapshotBytes / jsonBytes),
      },
      goals: {
        p95WithinOneAndHalfEchoFloor: room.p95 <= 1.5 * echo.p95,
        p95NoSlowerThanReference: room.p95 <= ref.p95,
        storedAtMostTwiceJson: stored.snapshotBytes <= 2 * jsonBytes,
      },
    };
    if (args.json) console.log(JSON.stringify(figures));
    else {
      say('');
      say(`edit in A → seen in B, ${CLIENTS} clients, ${EDITS} edits (ms)`);
      say(`  board room        p50 ${room.p50}  p95 ${room.p95}`);
      say(
        `  echo DO (floor)   p50 ${echo.p50}  p95 ${echo.p95}   room/floor p95 ×${figures.ratios.p95VsEchoFloor}`,
      );
      say(
        `  y-websocket (ref) p50 ${ref.p50}  p95 ${ref.p95}   room/ref p95 ×${figures.ratios.p95VsReference}`,
      );
      say(`${BIG_BOARD_LEADS}-lead board: newcomer loads in ${loadMs} ms (median of 3)`);
      say(
        `  stored ${stored.snapshotBytes} B vs JSON ${jsonBytes} B: ×${figures.bigBoard.storedVsJson}`,
      );
      say(`goals: ${JSON.stringify(figures.goals)}`);
    }
  } finally {
    reference.stop();
    await started?.stop();
    if (persistTo) rmSync(persistTo, { recursive: true, force: true });
  }
}

await main();
process.exit(0);
