/**
 * @module The refresh token's cookie: HttpOnly, scoped to the auth routes, Secure everywhere but
 * localhost. The session it carries is made and rotated in services/accounts/sessions.ts.
 */
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { REFRESH_TTL_MS } from '../../services/accounts/sessions.ts';
import type { AppContext } from '../router.ts';

const REFRESH_COOKIE = 'gl_refresh';

export function readRefreshCookie(c: AppContext): string | undefined {
  return getCookie(c, REFRESH_COOKIE);
}

export function setRefreshCookie(c: AppContext, token: string) {
  const { hostname } = new URL(c.req.url);
  setCookie(c, REFRESH_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: hostname !== 'localhost' && hostname !== '127.0.0.1',
    path: '/api/v1/auth',
    maxAge: REFRESH_TTL_MS / 1000,
  });
}

export function clearRefreshCookie(c: AppContext) {
  deleteCookie(c, REFRESH_COOKIE, { path: '/api/v1/auth' });
}
