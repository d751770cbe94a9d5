/**
 * @module Picks the ad platform adapter for one org's ad account: `sandbox` (the local default,
 * backed by the org's simulated market in R2), `meta` or `tiktok` (real adapters; `META_API_URL` and
 * `TIKTOK_API_URL` point them at other hosts, e.g. local fakes). Load the account with
 * `adAccountFor` (worker/services/ad-accounts.ts), which decrypts the org's stored credentials.
 */
import type { Env } from '../../platform/env.ts';
import { metaAdPlatform } from './meta.ts';
import { type SandboxAdPlatform, sandboxAdPlatform } from './sandbox.ts';
import { r2SandboxMarketStore } from './sandbox-store.ts';
import { tiktokAdPlatform } from './tiktok.ts';
import type { AdAccount, AdPlatform, ConnectedAdPlatform } from './types.ts';

export interface AdPlatformOptions {
  /** The sandbox market's clock (ms UTC); tests pass a fixed one. */
  clock?: () => number;
}

export function adPlatformFor(
  env: Env,
  account: Extract<AdAccount, { platform: 'sandbox' }>,
  options?: AdPlatformOptions,
): SandboxAdPlatform;
export function adPlatformFor(
  env: Env,
  account: Extract<AdAccount, { platform: 'meta' | 'tiktok' }>,
  options?: AdPlatformOptions,
): ConnectedAdPlatform;
export function adPlatformFor(
  env: Env,
  account: AdAccount,
  options?: AdPlatformOptions,
): AdPlatform;
export function adPlatformFor(
  env: Env,
  account: AdAccount,
  options: AdPlatformOptions = {},
): AdPlatform {
  switch (account.platform) {
    case 'sandbox':
      return sandboxAdPlatform(account, r2SandboxMarketStore(env.MEDIA), options.clock);
    case 'meta':
      return metaAdPlatform(account, { baseUrl: env.META_API_URL });
    case 'tiktok':
      return tiktokAdPlatform(account, { baseUrl: env.TIKTOK_API_URL });
  }
}

export * from './types.ts';
