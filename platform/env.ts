/** @module The one Env type: every binding, variable and secret the Worker receives. */

import type { CampaignRoom } from '../rooms/campaign-room.ts';
import type { CreditLedger } from '../rooms/credit-ledger.ts';
import type { EchoRoom } from '../rooms/echo-room.ts';
import type { OrgHub } from '../rooms/org-hub.ts';
import type { PipelineBoard } from '../rooms/pipeline-board.ts';
import type { QueueMessage } from './jobs.ts';

export interface Env {
  DB: D1Database;
  MEDIA: R2Bucket;
  ASSETS: Fetcher;

  GENERATION_QUEUE: Queue<QueueMessage>;
  MESSAGING_QUEUE: Queue<QueueMessage>;
  ADS_QUEUE: Queue<QueueMessage>;
  IMPORTS_QUEUE: Queue<QueueMessage>;

  PIPELINE_BOARD: DurableObjectNamespace<PipelineBoard>;
  CAMPAIGN_ROOM: DurableObjectNamespace<CampaignRoom>;
  CREDIT_LEDGER: DurableObjectNamespace<CreditLedger>;
  ORG_HUB: DurableObjectNamespace<OrgHub>;
  ECHO_ROOM: DurableObjectNamespace<EchoRoom>;

  AUTH_LIMITER: RateLimit;
  ORG_LIMITER: RateLimit;
  API_KEY_LIMITER: RateLimit;
  CAPTURE_LIMITER: RateLimit;

  /** `development` enables the sandbox providers' local pages; anything else is production. */
  APP_ENV: string;
  /** debug | info | warn | error; tests run at warn. */
  LOG_LEVEL?: string;
  /** Google sign-in. `sandbox` for both runs the offline OpenID provider built into the Worker. */
  GOOGLE_CLIENT_ID: string;
  GOOGLE_CLIENT_SECRET?: string;
  OIDC_ISSUER: string;
  /** Milliseconds the sandbox AI waits per streamed word (and per image band), so progress can be
   * watched locally; tests set 0. Default 25. */
  SANDBOX_AI_PACE_MS?: string;

  /** `sandbox` (offline checkout page, the local default) or `stripe`. */
  PAYMENTS_PROVIDER: string;
  /** Another Stripe API host, e.g. a local fake in tests; unset means api.stripe.com. */
  STRIPE_API_URL?: string;
  /** Other ad platform hosts, e.g. local fakes; unset means graph.facebook.com and
   * business-api.tiktok.com. Never per org: an org's token must not be sent to a host it names. */
  META_API_URL?: string;
  TIKTOK_API_URL?: string;

  /** Secrets (`.dev.vars` locally, `wrangler secret put` in production). */
  JWT_SECRET: string;
  ENCRYPTION_KEY: string;
  /** Verifies Stripe webhook signatures; the sandbox signs its events with it too. */
  STRIPE_WEBHOOK_SECRET: string;
  /** Only the real Stripe adapter uses it. */
  STRIPE_SECRET_KEY?: string;
  /** Local only: lets `npm start` seed the demo organization. */
  DEV_SEED_TOKEN?: string;

  /** Test-only: migrations handed to the vitest setup file. */
  TEST_MIGRATIONS?: import('cloudflare:test').D1Migration[];
}
