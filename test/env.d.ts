import type { Env as WorkerEnv } from '../worker/env.ts';

declare global {
  namespace Cloudflare {
    interface Env extends WorkerEnv {}
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    fakeOidcIssuer: string;
    fakeStripeUrl: string;
  }
}
