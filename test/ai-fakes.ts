/**
 * The fake AI services as a test in workerd reaches them: each call to `fakeTenant` gets a fresh
 * tenant (its own request log and failure modes) on the shared fake server.
 */
import { inject } from 'vitest';
import type { RecordedRequest } from './fakes/fake-tenants.ts';

export interface FakeTenant {
  /** What an org stores as the provider's base URL. */
  baseUrl: string;
  /** The next `times` calls fail with `status`, or every call hangs. */
  control(mode: {
    fail?: { status: number; times: number; retryAfter?: number };
    hang?: boolean;
  }): Promise<void>;
  requests(): Promise<RecordedRequest[]>;
}

export function fakeTenant(service: 'openai' | 'elevenlabs'): FakeTenant {
  const root = inject(service === 'openai' ? 'fakeOpenAiUrl' : 'fakeElevenLabsUrl');
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
