import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, inject, it } from 'vitest';
import { WELCOME_CREDITS } from '../../domain/credits/catalog.ts';
import { call, nextIp, signUp } from '../../test/helpers.ts';
import worker from '../index.ts';

const issuer = inject('fakeOidcIssuer');

const control = (body: unknown) =>
  fetch(`${issuer}/__control`, { method: 'POST', body: JSON.stringify(body) });

const cookieOf = (headers: Headers, name: string) =>
  headers
    .getSetCookie()
    .find((c) => c.startsWith(`${name}=`) && !c.startsWith(`${name}=;`))
    ?.split(';')[0];

/** The rotated refresh cookie a response set, if it set one. */
const refreshCookieOf = (headers: Headers) => cookieOf(headers, 'gl_refresh');

/** Runs the browser's part: start, the provider's consent redirect, the callback. */
async function signInWithGoogle(
  options: { returnTo?: string; alterCallback?: (url: URL) => void; keepCookie?: boolean } = {},
) {
  const ip = nextIp();
  const start = await call(
    `/api/v1/auth/google/start${options.returnTo ? `?returnTo=${encodeURIComponent(options.returnTo)}` : ''}`,
    { ip },
  );
  expect(start.status).toBe(302);
  const flowCookie = cookieOf(start.headers, 'gl_oidc');
  expect(flowCookie).toBeDefined();
  const consent = await fetch(start.headers.get('location')!, { redirect: 'manual' });
  expect(consent.status).toBe(302);
  const callbackUrl = new URL(consent.headers.get('location')!);
  options.alterCallback?.(callbackUrl);
  const callback = await call(`${callbackUrl.pathname}${callbackUrl.search}`, {
    ip,
    cookie: options.keepCookie === false ? undefined : flowCookie,
  });
  return { start, callback, refreshCookie: cookieOf(callback.headers, 'gl_refresh') };
}

describe('sign in with Google', () => {
  it('sends the browser to the provider with PKCE S256, state and nonce', async () => {
    const start = await call('/api/v1/auth/google/start');
    const url = new URL(start.headers.get('location')!);
    expect(`${url.origin}${url.pathname}`).toBe(`${issuer}/o/oauth2/v2/auth`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: 'test-client-id',
      response_type: 'code',
      redirect_uri: 'http://localhost/api/v1/auth/google/callback',
      code_challenge_method: 'S256',
      scope: 'openid email profile',
    });
    expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(start.headers.getSetCookie().find((c) => c.startsWith('gl_oidc='))).toMatch(/HttpOnly/i);
  });

  it('creates the account but no org for a new person: the app asks the agency’s name first', async () => {
    await control({
      identity: {
        sub: 'google-new-1',
        email: 'Nova@Example.com',
        name: 'Nova Pessoa',
        emailVerified: true,
      },
    });
    const { callback, refreshCookie } = await signInWithGoogle({ returnTo: '/pipeline?board=1' });
    expect(callback.status).toBe(302);
    expect(callback.headers.get('location')).toBe('/pipeline?board=1&welcome=google');
    const session = await call('/api/v1/auth/refresh', { method: 'POST', cookie: refreshCookie });
    expect(session.json.user).toMatchObject({ email: 'nova@example.com', name: 'Nova Pessoa' });
    // Not named after the person: there is no organization until the agency's name is given.
    expect(session.json.org).toBeNull();
    expect(
      await env.DB.prepare('select count(*) as n from members where user_id = ?')
        .bind(session.json.user.id)
        .first('n'),
    ).toBe(0);

    const created = await call('/api/v1/orgs', {
      token: session.json.accessToken,
      body: { name: 'Agência Nova Onda' },
    });
    expect(created.status).toBe(201);
    const named = await call('/api/v1/auth/refresh', {
      method: 'POST',
      cookie: refreshCookieOf(session.headers) ?? refreshCookie,
    });
    expect(named.json.org).toMatchObject({ name: 'Agência Nova Onda', role: 'owner' });
    const balance = await call('/api/v1/credits', { token: named.json.accessToken });
    expect(balance.json.balance).toBe(WELCOME_CREDITS);

    // Signing in again finds the same account by its Google subject.
    const again = await signInWithGoogle();
    const second = await call('/api/v1/auth/refresh', {
      method: 'POST',
      cookie: again.refreshCookie,
    });
    expect(second.json.user.id).toBe(session.json.user.id);
    // A returning person goes where they were going, with no welcome.
    expect(again.callback.headers.get('location')).toBe('/');
  });

  it('links to an existing password account only when Google has verified the e-mail', async () => {
    const existing = await signUp({ email: 'linked@example.com' });
    await control({
      identity: {
        sub: 'google-unverified',
        email: 'linked@example.com',
        name: 'L',
        emailVerified: false,
      },
    });
    const refused = await signInWithGoogle();
    expect(refused.callback.headers.get('location')).toBe('/sign-in?error=google_email_unverified');
    expect(refused.refreshCookie).toBeUndefined();

    await control({
      identity: {
        sub: 'google-linked',
        email: 'linked@example.com',
        name: 'L',
        emailVerified: true,
      },
    });
    const linked = await signInWithGoogle();
    const session = await call('/api/v1/auth/refresh', {
      method: 'POST',
      cookie: linked.refreshCookie,
    });
    expect(session.json.user.id).toBe(existing.user.id);
  });

  it.each([
    ['nonce', 'google_nonce'],
    ['audience', 'google_id_token'],
    ['key', 'google_id_token'],
    ['expired', 'google_id_token'],
  ])('refuses an id_token with a wrong %s', async (tamper, code) => {
    await control({
      identity: {
        sub: `google-${tamper}`,
        email: `${tamper}@example.com`,
        name: 'T',
        emailVerified: true,
      },
      tamper,
    });
    const { callback, refreshCookie } = await signInWithGoogle();
    expect(callback.headers.get('location')).toBe(`/sign-in?error=${code}`);
    expect(refreshCookie).toBeUndefined();
    const user = await env.DB.prepare('select id from users where email = ?')
      .bind(`${tamper}@example.com`)
      .first();
    expect(user).toBeNull();
  });

  it('refuses a callback whose state does not match, or that arrives without the flow cookie', async () => {
    await control({
      identity: { sub: 'google-state', email: 'state@example.com', name: 'S', emailVerified: true },
    });
    const forged = await signInWithGoogle({
      alterCallback: (url) => url.searchParams.set('state', 'forged-state-value'),
    });
    expect(forged.callback.headers.get('location')).toBe('/sign-in?error=google_state');
    expect(forged.refreshCookie).toBeUndefined();
    const noCookie = await signInWithGoogle({ keepCookie: false });
    expect(noCookie.callback.headers.get('location')).toBe('/sign-in?error=google_state');
  });

  it('reports a denied consent, and never redirects off-site', async () => {
    const denied = await call('/api/v1/auth/google/callback?error=access_denied&state=x');
    expect(denied.headers.get('location')).toBe('/sign-in?error=google_denied');
    await control({
      identity: {
        sub: 'google-redirect',
        email: 'redirect@example.com',
        name: 'R',
        emailVerified: true,
      },
    });
    const offsite = await signInWithGoogle({ returnTo: '//evil.example.com/x' });
    expect(offsite.callback.headers.get('location')).toBe('/?welcome=google');
  });
});

describe('the sandbox identity provider', () => {
  const sandboxEnv = { ...env, OIDC_ISSUER: 'sandbox', APP_ENV: 'development' };
  const fetchWorker = async (url: string, init: RequestInit = {}) => {
    const ctx = createExecutionContext();
    const response = await worker.fetch(
      new Request(url, { redirect: 'manual', ...init }) as any,
      sandboxEnv,
      ctx,
    );
    await waitOnExecutionContext(ctx);
    return response;
  };

  it('signs a person in offline through the same OpenID code path', async () => {
    const start = await fetchWorker('http://localhost/api/v1/auth/google/start?returnTo=/studio');
    const authorize = new URL(start.headers.get('location')!);
    expect(authorize.pathname).toBe('/api/sandbox/oidc/authorize');
    const page = await fetchWorker(authorize.toString());
    expect(await page.text()).toContain('Entrar com Google (sandbox)');

    const form = new URLSearchParams(authorize.searchParams);
    form.set('email', 'offline@example.com');
    form.set('name', 'Offline Person');
    const consent = await fetchWorker('http://localhost/api/sandbox/oidc/authorize', {
      method: 'POST',
      body: form,
    });
    const callback = new URL(consent.headers.get('location')!);
    const flowCookie = cookieOf(start.headers, 'gl_oidc')!;
    const done = await fetchWorker(callback.toString(), { headers: { cookie: flowCookie } });
    expect(done.headers.get('location')).toBe('/studio?welcome=google');
    expect(cookieOf(done.headers, 'gl_refresh')).toBeDefined();
  });

  it('shows its page in pt-BR unless English is asked for', async () => {
    const start = await fetchWorker('http://localhost/api/v1/auth/google/start');
    const authorize = new URL(start.headers.get('location')!);
    const pageIn = async (headers: Record<string, string>, query = '') => {
      const html = await (await fetchWorker(`${authorize}${query}`, { headers })).text();
      return {
        lang: /<html lang="([^"]+)"/.exec(html)?.[1],
        button: /<button[^>]*>([^<]+)</.exec(html)?.[1],
      };
    };
    expect(await pageIn({})).toEqual({ lang: 'pt-BR', button: 'Continuar' });
    expect(await pageIn({ 'accept-language': 'pt-BR,pt;q=0.9,en;q=0.8' })).toEqual({
      lang: 'pt-BR',
      button: 'Continuar',
    });
    expect(await pageIn({ 'accept-language': 'fr-FR,en;q=0.7,pt;q=0.5' })).toEqual({
      lang: 'en',
      button: 'Continue',
    });
    expect(await pageIn({ 'accept-language': 'pt-BR' }, '&ui_locales=en')).toEqual({
      lang: 'en',
      button: 'Continue',
    });
  });

  it('checks the PKCE verifier like a real provider', async () => {
    const start = await fetchWorker('http://localhost/api/v1/auth/google/start');
    const authorize = new URL(start.headers.get('location')!);
    const form = new URLSearchParams(authorize.searchParams);
    form.set('email', 'pkce@example.com');
    form.set('name', 'P');
    const consent = await fetchWorker('http://localhost/api/sandbox/oidc/authorize', {
      method: 'POST',
      body: form,
    });
    const code = new URL(consent.headers.get('location')!).searchParams.get('code')!;
    const token = await fetchWorker('http://localhost/api/sandbox/oidc/token', {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        client_id: 'sandbox',
        client_secret: 'sandbox',
        redirect_uri: authorize.searchParams.get('redirect_uri')!,
        code_verifier: 'a-verifier-that-does-not-match-the-challenge-at-all',
      }),
    });
    expect(token.status).toBe(400);
    expect(await token.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('is not served outside development', async () => {
    const res = await call('/api/sandbox/oidc/.well-known/openid-configuration');
    expect(res.status).toBe(404);
  });
});
