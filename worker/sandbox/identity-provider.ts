/**
 * @module The sandbox identity provider: an offline OpenID provider inside the Worker, so "Sign
 * in with Google" runs end to end with no keys and no network. It speaks the same protocol as
 * Google (discovery, authorize with PKCE, token, JWKS; ES256 id_tokens) and checks what Google
 * checks: client, redirect URI and the PKCE verifier. Served only while `OIDC_ISSUER` is
 * `sandbox` and `APP_ENV` is `development`. Its signing key lives in memory: a restart between
 * authorize and callback makes that one sign-in fail cleanly.
 */
import { Hono } from 'hono';
import { exportJWK, generateKeyPair, jwtVerify, SignJWT } from 'jose';
import * as v from 'valibot';
import { sha256Hex } from '../../domain/ids.ts';
import { notFound, Problem, renderError } from '../../platform/problem.ts';
import { Email, Name } from '../../schema/inputs/common.ts';
import { pkceChallenge } from '../../services/accounts/oidc.ts';
import { type AppContext, type AppEnv, mount, Routes } from '../router.ts';
import { type PageLocale, pageLocale } from './page-locale.ts';

const CLIENT_ID = 'sandbox';
const CLIENT_SECRET = 'sandbox';
const KEY_ID = 'sandbox-1';

let keyPair: ReturnType<typeof generateKeyPair> | undefined;
const signingKeys = () => (keyPair ??= generateKeyPair('ES256', { extractable: true }));

const issuerOf = (c: AppContext) => `${new URL(c.req.url).origin}/api/sandbox/oidc`;

function ensureEnabled(c: AppContext) {
  if (c.env.OIDC_ISSUER !== 'sandbox' || c.env.APP_ENV !== 'development') throw notFound('Route');
}

const oauthError = (error: string, description: string) =>
  new Problem(400, 'OAuth error', description, [], {}, { error, error_description: description });

const AuthorizeQuery = v.object({
  response_type: v.literal('code'),
  client_id: v.literal(CLIENT_ID),
  redirect_uri: v.pipe(v.string(), v.url()),
  scope: v.pipe(v.string(), v.includes('openid')),
  state: v.pipe(v.string(), v.minLength(8)),
  nonce: v.pipe(v.string(), v.minLength(8)),
  code_challenge: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{43}$/)),
  code_challenge_method: v.literal('S256'),
  prompt: v.optional(v.string()),
  /** OIDC's standard hint for the page's language (sandbox-locale.ts reads it). */
  ui_locales: v.optional(v.string()),
});

const ConsentInput = v.object({ ...AuthorizeQuery.entries, email: Email, name: Name('Name') });

/** What a code stands for; signed, so no server-side storage is needed. */
interface CodeClaims extends Record<string, unknown> {
  email: string;
  name: string;
  nonce: string;
  challenge: string;
  redirectUri: string;
}

/** The page's words in each language (pt-BR unless English is asked for: sandbox-locale.ts). */
const WORDS = {
  'pt-BR': {
    title: 'Entrar com Google (sandbox)',
    note: 'Simulação offline do login com Google. Escolha com quem entrar.',
    name: 'Nome',
    defaultName: 'Pessoa de teste',
    go: 'Continuar',
  },
  en: {
    title: 'Google sign-in (sandbox)',
    note: 'Offline stand-in for Google sign-in. Choose who to be.',
    name: 'Name',
    defaultName: 'Sandbox User',
    go: 'Continue',
  },
} as const;

const page = (query: v.InferOutput<typeof AuthorizeQuery>, locale: PageLocale) => {
  const w = WORDS[locale];
  const hidden = Object.entries(query)
    .map(
      ([k, val]) =>
        `<input type="hidden" name="${k}" value="${String(val).replace(/"/g, '&quot;')}">`,
    )
    .join('');
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${w.title}</title><style>body{font:16px system-ui;display:grid;place-items:center;min-height:100vh;margin:0;background:#f1f5f9}
form{background:#fff;padding:28px;border-radius:14px;box-shadow:0 4px 24px #0001;display:grid;gap:12px;width:min(360px,90vw)}
input{padding:10px;border:1px solid #cbd5e1;border-radius:8px;font:inherit}button{padding:10px;border:0;border-radius:8px;background:#0f766e;color:#fff;font:600 16px system-ui;cursor:pointer}
small{color:#64748b}</style></head><body><form method="post" action="authorize">
<h1 style="margin:0;font-size:20px">${w.title}</h1><small>${w.note}</small>
${hidden}<label>E-mail <input name="email" type="email" required value="sandbox.user@gestorlead.dev"></label>
<label>${w.name} <input name="name" required value="${w.defaultName}"></label><button type="submit">${w.go}</button></form></body></html>`;
};

export const sandboxIdentityRoutes = new Routes('Sandbox identity provider')
  .get(
    '/oidc/.well-known/openid-configuration',
    { summary: 'Discovery', auth: 'public', responses: { 200: 'Metadata.' } },
    async ({ c }) => {
      ensureEnabled(c);
      const issuer = issuerOf(c);
      return c.json({
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['ES256'],
        code_challenge_methods_supported: ['S256'],
        scopes_supported: ['openid', 'email', 'profile'],
      });
    },
  )
  .get(
    '/oidc/jwks',
    { summary: 'Signing keys', auth: 'public', responses: { 200: 'JWKS.' } },
    async ({ c }) => {
      ensureEnabled(c);
      const jwk = await exportJWK((await signingKeys()).publicKey);
      return c.json({ keys: [{ ...jwk, kid: KEY_ID, alg: 'ES256', use: 'sig' }] });
    },
  )
  .get(
    '/oidc/authorize',
    { summary: 'Consent page', auth: 'public', query: AuthorizeQuery, responses: { 200: 'HTML.' } },
    async ({ c, query }) => {
      ensureEnabled(c);
      return c.html(page(query, pageLocale(c)));
    },
  )
  .post(
    '/oidc/authorize',
    { summary: 'Consent given', auth: 'public', responses: { 302: 'Back to the client.' } },
    async ({ c }) => {
      ensureEnabled(c);
      const form = Object.fromEntries(await c.req.formData());
      const parsed = v.safeParse(ConsentInput, form);
      if (!parsed.success) throw oauthError('invalid_request', parsed.issues[0].message);
      const consent = parsed.output;
      const code = await new SignJWT({
        email: consent.email,
        name: consent.name,
        nonce: consent.nonce,
        challenge: consent.code_challenge,
        redirectUri: consent.redirect_uri,
      } satisfies CodeClaims)
        .setProtectedHeader({ alg: 'ES256' })
        .setAudience('sandbox-code')
        .setExpirationTime('2m')
        .sign((await signingKeys()).privateKey);
      const back = new URL(consent.redirect_uri);
      back.searchParams.set('code', code);
      back.searchParams.set('state', consent.state);
      return c.redirect(back.toString(), 302);
    },
  )
  .post(
    '/oidc/token',
    { summary: 'Code exchange', auth: 'public', responses: { 200: 'Tokens.' } },
    async ({ c }) => {
      ensureEnabled(c);
      const form = Object.fromEntries(await c.req.formData()) as Record<string, string>;
      if (form.client_id !== CLIENT_ID || form.client_secret !== CLIENT_SECRET)
        throw oauthError('invalid_client', 'Unknown client or wrong secret.');
      if (form.grant_type !== 'authorization_code')
        throw oauthError('unsupported_grant_type', 'Only authorization_code.');
      const keys = await signingKeys();
      let claims: CodeClaims;
      try {
        ({ payload: claims } = await jwtVerify<CodeClaims>(form.code ?? '', keys.publicKey, {
          audience: 'sandbox-code',
        }));
      } catch {
        throw oauthError('invalid_grant', 'The code is invalid or expired.');
      }
      if (claims.redirectUri !== form.redirect_uri)
        throw oauthError('invalid_grant', 'redirect_uri does not match the authorization request.');
      if ((await pkceChallenge(form.code_verifier ?? '')) !== claims.challenge)
        throw oauthError('invalid_grant', 'The PKCE code_verifier does not match.');
      const idToken = await new SignJWT({
        email: claims.email,
        email_verified: true,
        name: claims.name,
        nonce: claims.nonce,
      })
        .setProtectedHeader({ alg: 'ES256', kid: KEY_ID })
        .setIssuer(issuerOf(c))
        .setAudience(CLIENT_ID)
        .setSubject(`sandbox-${(await sha256Hex(claims.email)).slice(0, 24)}`)
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(keys.privateKey);
      return c.json({ id_token: idToken, token_type: 'Bearer', expires_in: 300 });
    },
  );

/** The provider as its own small app, so the sign-in client can reach it in-process. */
export const sandboxIdentityApp = new Hono<AppEnv>().onError(renderError);
mount(sandboxIdentityApp, '/api/sandbox', sandboxIdentityRoutes);
