/**
 * What every scenario shares: Debian chromium via playwright-core (never a downloaded browser),
 * one context per person with its own client IP (sign-in is rate-limited per IP), and a few
 * helpers for Kobalte widgets.
 */
import { randomUUID } from 'node:crypto';
import { after, before } from 'node:test';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

export const BASE_URL = process.env.E2E_BASE_URL ?? 'http://127.0.0.1:8787';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** One browser for a scenario file, launched before its tests and closed after them. */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });
  return () => browser!;
}

let nextIp = 1;

export function newPersonContext(
  browser: Browser,
  options: {
    colorScheme?: 'light' | 'dark';
    viewport?: { width: number; height: number };
    /** A phone: touch input and the mobile viewport rules. */
    isMobile?: boolean;
    hasTouch?: boolean;
    /** 'block': as in the first seconds of a first visit, before the service worker has the app. */
    serviceWorkers?: 'allow' | 'block';
  } = {},
): Promise<BrowserContext> {
  const ip = `10.${process.pid % 250}.${Math.floor(nextIp / 250)}.${nextIp++ % 250}`;
  return browser.newContext({
    baseURL: BASE_URL,
    locale: 'pt-BR',
    colorScheme: options.colorScheme ?? 'light',
    viewport: options.viewport ?? { width: 1280, height: 800 },
    isMobile: options.isMobile,
    hasTouch: options.hasTouch,
    serviceWorkers: options.serviceWorkers,
    extraHTTPHeaders: { 'cf-connecting-ip': ip },
  });
}

/** Waits until the service worker has installed (precached the app) and controls the page. */
export async function serviceWorkerReady(page: Page) {
  // Page-side code as a string: the root tsconfig (shared with the Worker) has no DOM types.
  await page.evaluate(`(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller)
      await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve));
  })()`);
}

export const uniqueEmail = (who: string) => `${who}.${randomUUID().slice(0, 8)}@e2e.gestorlead.dev`;

/** A password the Worker accepts (≥ 10 characters, varied, not the e-mail). */
export const PASSWORD = 'Quintal-Azul-2026!';

/** Picks an option in a Kobalte Select by the select's accessible label. */
export async function choose(page: Page, selectLabel: string, option: string) {
  await page.getByRole('button', { name: selectLabel }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

export async function signUp(page: Page, person: { name: string; email: string; orgName: string }) {
  await page.goto('/sign-up');
  await page.getByLabel('Seu nome').fill(person.name);
  await page.getByLabel('E-mail').fill(person.email);
  await page.getByLabel('Senha').fill(PASSWORD);
  await page.getByLabel('Nome da agência').fill(person.orgName);
  await page.getByRole('button', { name: 'Criar conta' }).click();
  await page.waitForURL('**/pipeline');
}

/** "1.234" (pt-BR) → 1234. */
export const count = (text: string | null) => Number((text ?? '').replace(/\D/g, ''));

export const headerCredits = async (page: Page) =>
  count(await page.getByTestId('credits-available').textContent());

export async function waitForHeaderCredits(page: Page, expected: number) {
  await page.waitForFunction(
    `document.querySelector('[data-testid=credits-available]')?.textContent?.replace(/\\D/g, '') === '${expected}'`,
    undefined,
    { timeout: 15_000 },
  );
}
