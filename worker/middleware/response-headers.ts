/**
 * @module Headers every API answer carries. `nosniff`: a browser never guesses a type other than
 * the one declared (an uploaded CSV or a generated text is never run as HTML or script).
 * `no-store`: answers hold tokens, secrets or an organization's data, so no browser or proxy cache
 * keeps them — not even media, which are fetched with the same credentials.
 */
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../router.ts';

export const responseHeaders = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  // Responses passed through from R2 or fetch have immutable headers: copy them first.
  try {
    c.res.headers.set('X-Content-Type-Options', 'nosniff');
  } catch {
    c.res = new Response(c.res.body, c.res);
    c.res.headers.set('X-Content-Type-Options', 'nosniff');
  }
  c.res.headers.set('Cache-Control', 'no-store');
});
