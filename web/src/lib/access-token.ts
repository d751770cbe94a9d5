/**
 * The access token: kept in memory only (never in storage a script could read later), refreshed
 * shortly before it expires and on demand after a 401. One refresh at a time in this tab, and
 * one at a time across tabs (navigator.locks): refresh tokens rotate, and presenting one that
 * another tab already spent would revoke the whole sign-in.
 */
import type { Answer } from './api.ts';

/** What sign-in, sign-up, refresh and switch-org answer. */
export type SessionBody = Answer<'/api/v1/auth/refresh', 'post'>;

const REFRESH_PATH = '/api/v1/auth/refresh';
/** Refresh this long before expiry, so a request never leaves with a token about to lapse. */
const EARLY_MS = 60_000;

let token: string | null = null;
let expiresAt = 0;
let timer: ReturnType<typeof setTimeout> | undefined;
let inFlight: Promise<SessionBody | null> | null = null;
const listeners = new Set<(body: SessionBody | null) => void>();

export function currentAccessToken(): string | null {
  return token && Date.now() < expiresAt - 5_000 ? token : null;
}

/** Called with each new session body, or null when the session could not be refreshed. */
export function onSessionRefreshed(listener: (body: SessionBody | null) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function acceptSession(body: SessionBody) {
  token = body.accessToken;
  expiresAt = Date.now() + body.expiresIn * 1000;
  clearTimeout(timer);
  timer = setTimeout(
    () => void refreshAccessToken(),
    Math.max(5_000, body.expiresIn * 1000 - EARLY_MS),
  );
}

export function forgetAccessToken() {
  token = null;
  expiresAt = 0;
  clearTimeout(timer);
}

/** Trades the refresh cookie for a new access token. Concurrent callers share one request. */
export function refreshAccessToken(): Promise<SessionBody | null> {
  inFlight ??= withCrossTabLock(requestRefresh).finally(() => {
    inFlight = null;
  });
  return inFlight;
}

async function requestRefresh(): Promise<SessionBody | null> {
  let body: SessionBody | null = null;
  try {
    const res = await fetch(REFRESH_PATH, { method: 'POST', credentials: 'same-origin' });
    // 204: no refresh cookie, nobody signed in (a quiet answer, so a signed-out visit logs no
    // error); 401: the cookie was refused (expired, revoked or replayed). Either way, signed out.
    if (res.status === 200) body = (await res.json()) as SessionBody;
    else if (res.status !== 204 && res.status !== 401)
      throw new Error(`refresh failed: HTTP ${res.status}`);
  } catch (err) {
    // Offline or the server hiccuped: keep the session and try again soon instead of signing out.
    if (token) {
      clearTimeout(timer);
      timer = setTimeout(() => void refreshAccessToken(), 15_000);
    }
    throw err;
  }
  if (body) acceptSession(body);
  else forgetAccessToken();
  for (const listener of listeners) listener(body);
  return body;
}

/** Runs work that spends the refresh cookie (refresh, switch org, sign out) one at a time across tabs. */
export function withCrossTabLock<T>(work: () => Promise<T>): Promise<T> {
  if (typeof navigator !== 'undefined' && navigator.locks)
    return navigator.locks.request('gestorlead-auth-refresh', work) as Promise<T>;
  return work();
}
