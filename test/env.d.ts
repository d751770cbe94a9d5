import type { Env as WorkerEnv } from '../platform/env.ts';

declare global {
  namespace Cloudflare {
    interface Env extends WorkerEnv {}
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    fakeOidcIssuer: string;
    fakeOpenAiUrl: string;
    fakeElevenLabsUrl: string;
    fakeStripeUrl: string;
    fakeMetaUrl: string;
    fakeTikTokUrl: string;
  }
}
