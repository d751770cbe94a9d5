/**
 * @module An OpenID Connect client (authorization code + PKCE), as Google sign-in needs: discovery,
 * the authorization URL, the code exchange, and id_token verification against the provider's
 * JWKS with jose (issuer, audience, expiry, nonce). The transport is injectable so the offline
 * sandbox provider is reached in-process through the very same code.
 */
import { createRemoteJWKSet, customFetch, jwtVerify } from 'jose';
import { base64url, randomToken } from '../../domain/ids.ts';

export type Fetcher = (input: Request) => Promise<Response>;

export interface OidcClientConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  fetch: Fetcher;
}

interface ProviderMetadata {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
}

export interface VerifiedIdentity {
  sub: string;
  email: string;
  emailVerified: boolean;
  name: string;
}

export class OidcError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

const metadataCache = new Map<string, { at: number; value: ProviderMetadata }>();
const jwksCache = new Map<string, ReturnType<typeof createRemoteJWKSet>>();
const METADATA_TTL_MS = 3600_000;

export async function discover(config: OidcClientConfig): Promise<ProviderMetadata> {
  const cached = metadataCache.get(config.issuer);
  if (cached && Date.now() - cached.at < METADATA_TTL_MS) return cached.value;
  const url = `${config.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  const response = await config.fetch(
    new Request(url, { headers: { accept: 'application/json' } }),
  );
  if (!response.ok) throw new OidcError('discovery', `Discovery failed: HTTP ${response.status}`);
  const value = (await response.json()) as ProviderMetadata;
  if (value.issuer !== config.issuer)
    throw new OidcError('discovery', `Issuer mismatch: ${value.issuer} is not ${config.issuer}`);
  metadataCache.set(config.issuer, { at: Date.now(), value });
  return value;
}

/** The secrets one sign-in attempt must carry from start to callback. */
export interface AuthorizationRequest {
  state: string;
  nonce: string;
  codeVerifier: string;
}

export async function pkceChallenge(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

export async function authorizationUrl(
  config: OidcClientConfig,
): Promise<{ url: string; request: AuthorizationRequest }> {
  const metadata = await discover(config);
  const request = { state: randomToken(16), nonce: randomToken(16), codeVerifier: randomToken(32) };
  const url = new URL(metadata.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: config.redirectUri,
    scope: 'openid email profile',
    state: request.state,
    nonce: request.nonce,
    code_challenge: await pkceChallenge(request.codeVerifier),
    code_challenge_method: 'S256',
    prompt: 'select_account',
  }).toString();
  return { url: url.toString(), request };
}

/** Exchanges the code (with the PKCE verifier) and verifies the id_token it returns. */
export async function completeSignIn(
  config: OidcClientConfig,
  code: string,
  request: AuthorizationRequest,
): Promise<VerifiedIdentity> {
  const metadata = await discover(config);
  const response = await config.fetch(
    new Request(metadata.token_endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: config.redirectUri,
        client_id: config.clientId,
        client_secret: config.clientSecret,
        code_verifier: request.codeVerifier,
      }),
    }),
  );
  if (!response.ok) throw new OidcError('token', `Code exchange failed: HTTP ${response.status}`);
  const { id_token: idToken } = (await response.json()) as { id_token?: string };
  if (!idToken) throw new OidcError('token', 'The provider returned no id_token.');

  let jwks = jwksCache.get(metadata.jwks_uri);
  if (!jwks) {
    jwks = createRemoteJWKSet(new URL(metadata.jwks_uri), {
      [customFetch]: (url: string, init: RequestInit) => config.fetch(new Request(url, init)),
    });
    jwksCache.set(metadata.jwks_uri, jwks);
  }
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(idToken, jwks, {
      issuer: metadata.issuer,
      audience: config.clientId,
      algorithms: ['RS256', 'ES256'],
      maxTokenAge: '10m',
    }));
  } catch (err) {
    throw new OidcError('id_token', `The id_token did not verify: ${(err as Error).message}`);
  }
  if (payload.nonce !== request.nonce)
    throw new OidcError('nonce', 'The id_token nonce does not match.');
  if (typeof payload.sub !== 'string' || typeof payload.email !== 'string')
    throw new OidcError('id_token', 'The id_token lacks sub or email.');
  return {
    sub: payload.sub,
    email: payload.email.toLowerCase(),
    emailVerified: payload.email_verified === true,
    name:
      typeof payload.name === 'string' && payload.name
        ? payload.name
        : payload.email.split('@')[0]!,
  };
}
