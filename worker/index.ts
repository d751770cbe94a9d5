/**
 * @module The Worker's exports: HTTP (API and realtime rooms), queue consumers, cron triggers,
 * and the Durable Object classes. Static assets (the SPA) are served before this code runs.
 */

import type { Env } from '../platform/env.ts';
import type { QueueMessage } from '../platform/jobs.ts';
import { runCron } from '../queues/cron.ts';
import { consumeQueue } from '../queues/index.ts';
import { app } from './app.ts';
import { routeRoomRequest } from './rooms.ts';

export { CampaignRoom } from '../rooms/campaign-room.ts';
export { CreditLedger } from '../rooms/credit-ledger.ts';
export { EchoRoom } from '../rooms/echo-room.ts';
export { OrgHub } from '../rooms/org-hub.ts';
export { PipelineBoard } from '../rooms/pipeline-board.ts';

export default {
  async fetch(request, env, ctx) {
    if (new URL(request.url).pathname.startsWith('/parties/')) {
      const response = await routeRoomRequest(request, env);
      if (response) return response;
    }
    return app.fetch(request, env, ctx);
  },
  async queue(batch, env) {
    await consumeQueue(batch, env);
  },
  async scheduled(controller, env, ctx) {
    ctx.waitUntil(runCron(controller, env));
  },
} satisfies ExportedHandler<Env, QueueMessage>;
