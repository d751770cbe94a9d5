/** @module One JSON log line per request, with its id, org, status and duration. */
import { createMiddleware } from 'hono/factory';
import { log } from '../../platform/log.ts';
import type { AppEnv } from '../router.ts';

export const requestLog = createMiddleware<AppEnv>(async (c, next) => {
  const requestId = c.req.header('cf-ray') ?? crypto.randomUUID();
  c.set('requestId', requestId);
  const started = Date.now();
  await next();
  c.header('X-Request-Id', requestId);
  log(c.env, c.res.status >= 500 ? 'error' : 'info', 'request', {
    requestId,
    orgId: c.get('orgId') ?? null,
    method: c.req.method,
    path: c.req.path,
    status: c.res.status,
    ms: Date.now() - started,
  });
});
