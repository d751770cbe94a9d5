/**
 * @module Backing off an ad account before its platform throttles it. An adapter pauses the
 * account when a platform says (usage headers, a throttling error) that its quota is used up or
 * nearly so; every later call first passes `waitForQuota`: a short pause is slept through, a long
 * one fails fast as `rate_limited` with `retryAfterSeconds`, so the queue retries the job later
 * instead of the Worker waiting, or pushing the account into a longer block.
 *
 * Pauses live in this isolate's memory, keyed by platform and account, so later calls in the same
 * Worker (the next page of a report, the next job of a batch) see them. They are a courtesy, not a
 * guarantee: another isolate learns of the limit from the platform's own answer.
 */

import type { AdPlatformName } from '../../domain/ads/vocabulary.ts';
import { AdPlatformError } from './types.ts';

export interface QuotaClock {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  /** Pauses up to this long are slept through; longer ones fail as `rate_limited`. */
  maxInlineWaitMs: number;
}

const pausedUntil = new Map<string, number>();

export function quotaGate(platform: AdPlatformName, accountId: string, clock: QuotaClock) {
  const key = `${platform}:${accountId}`;
  return {
    /** No calls to this account for `seconds` from now (a longer pause already set stays). */
    pause(seconds: number) {
      const until = clock.now() + seconds * 1000;
      pausedUntil.set(key, Math.max(pausedUntil.get(key) ?? 0, until));
    },

    async waitForQuota() {
      const wait = (pausedUntil.get(key) ?? 0) - clock.now();
      if (wait <= 0) return;
      if (wait > clock.maxInlineWaitMs)
        throw new AdPlatformError(
          platform,
          'rate_limited',
          `The ${platform} account is at its rate limit; calls are paused until it recovers.`,
          { retryAfterSeconds: Math.ceil(wait / 1000) },
        );
      await clock.sleep(wait);
    },
  };
}

export const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
