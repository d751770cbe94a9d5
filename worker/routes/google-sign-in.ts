/**
 * @module Sign in with Google (OpenID Connect, code + PKCE). `start` keeps state, nonce and the
 * PKCE verifier in a short-lived signed cookie and redirects to the provider; `callback` checks
 * the state, exchanges the code, verifies the id_token, finds or creates the account and starts
 * a session. A new account has no organization yet: Google knows the person, not the agency, so
 * the app asks for the agency's name (`?welcome=google`) and creates the org with it. Failures
 * return to the sign-in page with an error code, never with a session.
 */
import { eq } from 'drizzle-orm';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import * as v from 'valibot';
import { newId } from '../../domain/ids.ts';
import type { Db } from '../../platform/db.ts';
import { log } from '../../platform/log.ts';
import { signToken, verifyToken } from '../../platform/tokens.ts';
import { users } from '../../schema/accounts.ts';
import { GoogleCallbackQuery } from '../../schema/inputs/accounts.ts';
import {
  type AuthorizationRequest,
  authorizationUrl,
  completeSignIn,
  type OidcClientConfig,
  OidcError,
  type VerifiedIdentity,
} from '../../services/accounts/oidc.ts';
import { mintRefreshToken, resolveMembership } from '../../services/accounts/sessions.ts';
import { setRefreshCookie } from '../middleware/refresh-cookie.ts';
import { type AppContext, Routes } from '../router.ts';
import { sandboxIdentityApp } from '../sandbox/identity-provider.ts';

const FLOW_COOKIE = 'gl_oidc';
const FLOW_PATH = '/api/v1/auth/google';
const FLOW_TTL_SECONDS = 600;
const GOOGLE_ISSUER = 'https://accounts.google.com';

/** Google, any OpenID provider set in OIDC_ISSUER, or the Worker's own offline sandbox provider. */
export async function identityProvider(c: AppContext): Promise<OidcClientConfig> {
  const env = c.env;
  const origin = new URL(c.req.url).origin;
  const redirectUri = `${origin}${FLOW_PATH}/callback`;
  if (env.OIDC_ISSUER === 'sandbox') {
    return {
      issuer: `${origin}/api/sandbox/oidc`,
      clientId: 'sandbox',
      clientSecret: 'sandbox',
      redirectUri,
      // In-process: the sandbox provider is routes of this same Worker.
      fetch: async (request) => sandboxIdentityApp.fetch(request, env, c.executionCtx),
    };
  }
  return {
    issuer: env.OIDC_ISSUER || GOOGLE_ISSUER,
    clientId: env.GOOGLE_CLIENT_ID,
    clientSecret: env.GOOGLE_CLIENT_SECRET ?? '',
    redirectUri,
    fetch: (request) => fetch(request),
  };
}

/** Only same-site paths, so the sign-in flow cannot be used as an open redirect. */
const safeReturnPath = (path: string | undefined) =>
  path && /^\/(?!\/)[^\s\\]*$/.test(path) ? path : '/';

const failed = (c: AppContext, code: string) => {
  deleteCookie(c, FLOW_COOKIE, { path: FLOW_PATH });
  return c.redirect(`/sign-in?error=${encodeURIComponent(code)}`, 302);
};

/** The person's account, and whether this sign-in created it. */
async function findOrCreateUser(
  db: Db,
  identity: VerifiedIdentity,
): Promise<{ user: typeof users.$inferSelect; created: boolean }> {
  const bySub = await db.select().from(users).where(eq(users.googleSub, identity.sub)).get();
  if (bySub) return { user: bySub, created: false };
  const byEmail = await db.select().from(users).where(eq(users.email, identity.email)).get();
  if (byEmail) {
    // Link only on an e-mail the provider has verified, or anyone could claim any account.
    if (!identity.emailVerified) throw new OidcError('email_unverified', 'Unverified e-mail.');
    await db.update(users).set({ googleSub: identity.sub }).where(eq(users.id, byEmail.id));
    return { user: { ...byEmail, googleSub: identity.sub }, created: false };
  }
  const user = { id: newId(), email: identity.email, name: identity.name, googleSub: identity.sub };
  await db.insert(users).values(user);
  return {
    user: (await db.select().from(users).where(eq(users.id, user.id)).get())!,
    created: true,
  };
}

/** Where a new account lands: where it was going, marked so the app greets it by asking the agency's name. */
function welcomePath(returnTo: string): string {
  const target = new URL(returnTo, 'http://app.invalid');
  target.searchParams.set('welcome', 'google');
  return `${target.pathname}${target.search}`;
}

interface FlowClaims extends AuthorizationRequest, Record<string, unknown> {
  returnTo: string;
}

export const googleSignInRoutes = new Routes('Auth')
  .get(
    '/auth/google/start',
    {
      summary: 'Begin signing in with Google (redirects to the provider)',
      auth: 'public',
      limit: 'auth',
      query: v.object({ returnTo: v.optional(v.pipe(v.string(), v.maxLength(500))) }),
      responses: { 302: 'To the provider’s consent page.' },
    },
    async ({ c, env, query }) => {
      try {
        const { url, request } = await authorizationUrl(await identityProvider(c));
        const claims: FlowClaims = { ...request, returnTo: safeReturnPath(query.returnTo) };
        const flow = await signToken(
          env.JWT_SECRET,
          'oidc-flow',
          'google',
          claims,
          FLOW_TTL_SECONDS,
        );
        setCookie(c, FLOW_COOKIE, flow, {
          httpOnly: true,
          sameSite: 'Lax',
          secure: new URL(c.req.url).protocol === 'https:',
          path: FLOW_PATH,
          maxAge: FLOW_TTL_SECONDS,
        });
        return c.redirect(url, 302);
      } catch (err) {
        log(env, 'error', 'google sign-in unavailable', { error: String(err) });
        return failed(c, 'google_unavailable');
      }
    },
  )
  .get(
    '/auth/google/callback',
    {
      summary: 'Where the provider returns; starts a session and redirects into the app',
      auth: 'public',
      limit: 'auth',
      query: GoogleCallbackQuery,
      responses: { 302: 'Into the app, or back to sign-in with an error code.' },
    },
    async ({ c, env, db, query }) => {
      const cookie = getCookie(c, FLOW_COOKIE);
      const flow = cookie
        ? await verifyToken<FlowClaims>(env.JWT_SECRET, 'oidc-flow', cookie)
        : null;
      if (query.error) return failed(c, 'google_denied');
      if (!flow || !query.state || query.state !== flow.state || !query.code)
        return failed(c, 'google_state');
      try {
        const identity = await completeSignIn(await identityProvider(c), query.code, flow);
        const { user, created } = await findOrCreateUser(db, identity);
        const membership = await resolveMembership(db, user.id);
        const session = await mintRefreshToken(db, {
          userId: user.id,
          orgId: membership?.org.id ?? '',
        });
        await session.insert;
        deleteCookie(c, FLOW_COOKIE, { path: FLOW_PATH });
        setRefreshCookie(c, session.token);
        return c.redirect(created ? welcomePath(flow.returnTo) : flow.returnTo, 302);
      } catch (err) {
        log(env, 'warn', 'google sign-in refused', { error: String(err) });
        return failed(c, err instanceof OidcError ? `google_${err.code}` : 'google_failed');
      }
    },
  );
