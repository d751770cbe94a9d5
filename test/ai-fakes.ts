/**
 * The fake outside services (AI providers, ad platforms) as a test in workerd reaches them: each
 * call to `fakeTenant` gets a fresh tenant (its own request log, failure modes and data) on the
 * shared fake server.
 */
import { inject } from 'vitest';
import type { RecordedRequest } from './fakes/fake-tenants.ts';

export interface FakeTenant {
  /** What an org stores as the provider's base URL. */
  baseUrl: string;
  /** The next `times` calls fail with `status`, or every call hangs; `data` is the fake's own. */
  control(mode: {
    fail?: { status: number; times: number; retryAfter?: number };
    hang?: boolean;
    data?: Record<string, unknown>;
  }): Promise<void>;
  requests(): Promise<RecordedRequest[]>;
}

const ROOTS = {
  openai: 'fakeOpenAiUrl',
  elevenlabs: 'fakeElevenLabsUrl',
  meta: 'fakeMetaUrl',
  tiktok: 'fakeTikTokUrl',
} as const;

export function fakeTenant(service: keyof typeof ROOTS): FakeTenant {
  const root = inject(ROOTS[service]);
  const base = `${root}/t/${crypto.randomUUID()}`;
  return {
    baseUrl: service === 'openai' ? `${base}/v1` : base,
    async control(mode) {
      const res = await fetch(`${base}/__control`, { method: 'POST', body: JSON.stringify(mode) });
      if (!res.ok) throw new Error(`fake control failed: ${res.status}`);
    },
    requests: async () => (await (await fetch(`${base}/__requests`)).json()) as RecordedRequest[],
  };
}
