/**
 * A local fake of Google's OpenID provider for tests. It checks each request the way Google does
 * (registered client and redirect URI, PKCE S256, single-use codes, client secret on the token
 * call) and signs id_tokens with its own RSA key. `POST /__control` sets who signs in next and
 * can make the next id_token wrong in one way (nonce, audience, signing key, expiry).
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';

export const FAKE_CLIENT_ID = 'test-client-id';
export const FAKE_CLIENT_SECRET = 'test-client-secret';

type Tamper = 'nonce' | 'audience' | 'key' | 'expired' | null;
interface Identity {
  sub: string;
  email: string;
  name: string;
  emailVerified: boolean;
}

async function readBody(req: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of req) body += chunk;
  return body;
}

export async function startFakeGoogle(): Promise<{ issuer: string; close(): Promise<void> }> {
  const key = await generateKeyPair('RS256');
  const strangerKey = await generateKeyPair('RS256');
  const publicJwk = {
    ...(await exportJWK(key.publicKey)),
    kid: 'fake-1',
    alg: 'RS256',
    use: 'sig',
  };
  const codes = new Map<
    string,
    { identity: Identity; nonce: string; challenge: string; redirectUri: string }
  >();
  let identity: Identity = {
    sub: 'google-123',
    email: 'ana@example.com',
    name: 'Ana',
    emailVerified: true,
  };
  let tamper: Tamper = null;
  let issuer = '';

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const oauthError = (error: string, description: string) =>
      json(400, { error, error_description: description });

    if (url.pathname === '/.well-known/openid-configuration')
      return json(200, {
        issuer,
        authorization_endpoint: `${issuer}/o/oauth2/v2/auth`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/oauth2/v3/certs`,
        response_types_supported: ['code'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['plain', 'S256'],
      });
    if (url.pathname === '/oauth2/v3/certs') return json(200, { keys: [publicJwk] });

    if (url.pathname === '/__control' && req.method === 'POST') {
      const body = JSON.parse(await readBody(req)) as {
        identity?: Partial<Identity>;
        tamper?: Tamper;
      };
      identity = { ...identity, ...body.identity };
      tamper = body.tamper ?? null;
      return json(200, { ok: true });
    }

    if (url.pathname === '/o/oauth2/v2/auth') {
      const q = url.searchParams;
      if (q.get('client_id') !== FAKE_CLIENT_ID)
        return oauthError('invalid_client', 'unknown client');
      const redirectUri = q.get('redirect_uri') ?? '';
      if (!/^https?:\/\/[^/]+\/api\/v1\/auth\/google\/callback$/.test(redirectUri))
        return oauthError('redirect_uri_mismatch', 'redirect_uri not registered');
      if (q.get('response_type') !== 'code')
        return oauthError('unsupported_response_type', 'code only');
      if (!q.get('scope')?.split(' ').includes('openid'))
        return oauthError('invalid_scope', 'openid required');
      if (q.get('code_challenge_method') !== 'S256' || !q.get('code_challenge'))
        return oauthError('invalid_request', 'PKCE S256 required');
      if (!q.get('state') || !q.get('nonce'))
        return oauthError('invalid_request', 'state and nonce required');
      const code = randomBytes(16).toString('hex');
      codes.set(code, {
        identity,
        nonce: q.get('nonce')!,
        challenge: q.get('code_challenge')!,
        redirectUri,
      });
      const back = new URL(redirectUri);
      back.searchParams.set('code', code);
      back.searchParams.set('state', q.get('state')!);
      res.writeHead(302, { location: back.toString() });
      return res.end();
    }

    if (url.pathname === '/token' && req.method === 'POST') {
      if (!String(req.headers['content-type']).startsWith('application/x-www-form-urlencoded'))
        return oauthError('invalid_request', 'form body required');
      const form = new URLSearchParams(await readBody(req));
      if (
        form.get('client_id') !== FAKE_CLIENT_ID ||
        form.get('client_secret') !== FAKE_CLIENT_SECRET
      )
        return json(401, { error: 'invalid_client' });
      if (form.get('grant_type') !== 'authorization_code')
        return oauthError('unsupported_grant_type', '');
      const grant = codes.get(form.get('code') ?? '');
      codes.delete(form.get('code') ?? '');
      if (!grant) return oauthError('invalid_grant', 'code unknown or already used');
      if (grant.redirectUri !== form.get('redirect_uri'))
        return oauthError('invalid_grant', 'redirect_uri mismatch');
      const challenge = createHash('sha256')
        .update(form.get('code_verifier') ?? '')
        .digest('base64url');
      if (challenge !== grant.challenge)
        return oauthError('invalid_grant', 'code_verifier mismatch');

      const now = Math.floor(Date.now() / 1000);
      const idToken = await new SignJWT({
        email: grant.identity.email,
        email_verified: grant.identity.emailVerified,
        name: grant.identity.name,
        nonce: tamper === 'nonce' ? 'another-nonce' : grant.nonce,
      })
        .setProtectedHeader({ alg: 'RS256', kid: 'fake-1' })
        .setIssuer(issuer)
        .setAudience(tamper === 'audience' ? 'someone-else' : FAKE_CLIENT_ID)
        .setSubject(grant.identity.sub)
        .setIssuedAt(tamper === 'expired' ? now - 7200 : now)
        .setExpirationTime(tamper === 'expired' ? now - 3600 : now + 3600)
        .sign(tamper === 'key' ? strangerKey.privateKey : key.privateKey);
      tamper = null;
      return json(200, {
        access_token: 'ya29.fake',
        id_token: idToken,
        expires_in: 3599,
        token_type: 'Bearer',
        scope: 'openid email profile',
      });
    }
    json(404, { error: 'not_found' });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  issuer = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    issuer,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
