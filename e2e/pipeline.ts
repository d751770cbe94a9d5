/** What the pipeline scenarios share: signing in as a demo person and finding things on the board. */
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { BASE_URL } from './browser.ts';

export const DEMO = { email: 'demo@gestorlead.dev', password: 'gestorlead-demo' };
export const CARLA = { email: 'carla@gestorlead.dev', password: 'gestorlead-demo' };

export async function signIn(page: Page, person: { email: string; password: string }) {
  await page.goto('/sign-in?next=%2Fpipeline');
  await page.getByLabel('E-mail').fill(person.email);
  await page.getByLabel('Senha').fill(person.password);
  await page.getByRole('button', { name: 'Entrar', exact: true }).click();
  await page.waitForURL('**/pipeline**');
}

export async function openBoardAs(
  context: BrowserContext,
  person: { email: string; password: string },
): Promise<Page> {
  const page = await context.newPage();
  await signIn(page, person);
  await ensureBoard(page);
  await waitLive(page);
  return page;
}

/** The demo org's first board; the owner creates it if the seed has none yet. */
async function ensureBoard(page: Page) {
  const switcher = page.getByTestId('board-switcher');
  const empty = page.getByRole('heading', { name: /Nenhum quadro ainda|Crie seu primeiro quadro/ });
  await switcher.or(empty).first().waitFor();
  if (await switcher.isVisible()) return;
  await page.getByRole('button', { name: 'Novo quadro' }).click();
  await page.getByLabel('Nome do quadro').fill('Vendas');
  await page.getByRole('button', { name: 'Criar quadro' }).click();
  await switcher.waitFor();
}

export async function waitLive(page: Page) {
  await page.locator('[data-testid="connection-state"][data-state="live"]').waitFor();
}

export const column = (page: Page, stageName: string): Locator =>
  page.locator('section[data-column]').filter({
    has: page.getByRole('heading', { name: stageName, exact: true }),
  });

export const card = (scope: Page | Locator, leadName: string): Locator =>
  scope.getByTestId('lead-card').filter({ hasText: leadName });

/** The names of the first stages on the board, in order. */
export async function stageNames(page: Page): Promise<string[]> {
  return page.locator('section[data-column] h2').allTextContents();
}

/** Adds a lead through the new-lead form and waits for its card. */
export async function addLead(page: Page, name: string, stage?: string) {
  await page.getByRole('button', { name: 'Novo lead' }).click();
  const dialog = page.getByRole('dialog', { name: 'Novo lead' });
  await dialog.getByLabel('Nome').fill(name);
  await dialog.getByLabel('Empresa').fill('Empresa E2E');
  if (stage) await dialog.getByLabel('Etapa').selectOption({ label: stage });
  await dialog.getByRole('button', { name: 'Criar lead' }).click();
  await dialog.waitFor({ state: 'detached' });
  await card(page, name).waitFor();
}

export const uniqueName = (what: string) => `${what} ${Math.random().toString(36).slice(2, 7)}`;

/** Waits until an input or textarea holds exactly `text`. */
export async function valueBecomes(field: Locator, text: string, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    last = await field.inputValue();
    if (last === text) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`expected ${JSON.stringify(text)}, still ${JSON.stringify(last)}`);
}

let nextApiIp = 1;

/**
 * The API as a person, for setting up what a scenario needs (boards, rules, leads) without the
 * UI. Signs in once, from its own client IP since sign-in is rate-limited per IP.
 */
export async function apiAs(person: { email: string; password: string }) {
  const ip = `10.251.${process.pid % 250}.${nextApiIp++ % 250}`;
  const login = await fetch(`${BASE_URL}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'cf-connecting-ip': ip },
    body: JSON.stringify(person),
  });
  if (!login.ok) throw new Error(`sign-in as ${person.email}: HTTP ${login.status}`);
  const { accessToken } = (await login.json()) as { accessToken: string };
  return async <T = any>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${BASE_URL}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${accessToken}`,
        'content-type': 'application/json',
        'cf-connecting-ip': ip,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${await res.text()}`);
    return (res.status === 204 ? undefined : await res.json()) as T;
  };
}

/** A new board made through the API (a scenario's own), with its first two stages. */
export async function newBoard(api: Awaited<ReturnType<typeof apiAs>>, name: string) {
  const board = await api<{ id: string; stages: { id: string; name: string }[] }>(
    'POST',
    '/boards',
    { name },
  );
  const [first, second] = board.stages;
  if (!first || !second) throw new Error('a new board has at least two stages');
  return { id: board.id, first, second };
}

/** Opens one board (by id) as a signed-in page and waits until it is live. */
export async function openBoard(page: Page, boardId: string) {
  await page.goto(`/pipeline?board=${boardId}`);
  await waitLive(page);
}

/** The lead drawer of the card named `leadName`, opened by clicking the card. */
export async function openDrawer(page: Page, leadName: string): Promise<Locator> {
  await card(page, leadName).first().click();
  const drawer = page.getByTestId('lead-drawer');
  await drawer.getByRole('heading', { name: leadName }).waitFor();
  return drawer;
}

type Point = { x: number; y: number };
const middle = async (target: Locator): Promise<Point> => {
  const box = await target.boundingBox();
  if (!box) throw new Error('not on screen');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
};

/** Near the top of a stage's list, in the part of it on screen (on a phone the next stage only peeks in). */
const dropPoint = async (page: Page, list: Locator): Promise<Point> => {
  const box = await list.boundingBox();
  const width = page.viewportSize()?.width ?? Number.POSITIVE_INFINITY;
  if (!box || box.x > width - 20) throw new Error('drop target not on screen');
  return { x: (box.x + Math.min(box.x + box.width, width)) / 2, y: box.y + 30 };
};

/** A real mouse drag: press, move past the threshold, travel to the top of stage list `to`, release. */
export async function dragWithMouse(page: Page, from: Locator, to: Locator) {
  const start = await middle(from);
  const end = await dropPoint(page, to);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(start.x + 20, start.y + 10, { steps: 4 });
  await page.mouse.move(end.x, end.y, { steps: 12 });
  await page.waitForTimeout(100);
  await page.mouse.up();
}

/**
 * A finger from `from`'s middle to the top of stage list `to`, resting `holdMs` first: real touch input through
 * the browser's input pipeline (Playwright itself only offers taps).
 */
export async function dragWithFinger(page: Page, from: Locator, to: Locator, holdMs: number) {
  const cdp = await page.context().newCDPSession(page);
  const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', point?: Point) =>
    cdp.send('Input.dispatchTouchEvent', {
      type,
      touchPoints: point ? [{ x: Math.round(point.x), y: Math.round(point.y) }] : [],
    });
  const start = await middle(from);
  const end = await dropPoint(page, to);
  await touch('touchStart', start);
  await page.waitForTimeout(holdMs);
  for (let step = 1; step <= 12; step++) {
    const t = step / 12;
    await touch('touchMove', {
      x: start.x + (end.x - start.x) * t,
      y: start.y + (end.y - start.y) * t,
    });
    await page.waitForTimeout(16);
  }
  await page.waitForTimeout(100);
  await touch('touchEnd');
  await cdp.detach();
}
