/**
 * @module Where each org's sandbox ad market lives between requests: one JSON object per org in
 * R2 (`sandbox-market/<orgId>.json`). A market with a week of hourly rows for a few dozen ads
 * outgrows a D1 row, and R2's conditional put gives the compare-and-swap the adapter needs: the
 * publishing queue, the insights cron and the autopilot may all change one org's market at once,
 * and a plain last-writer-wins save would drop an ad one of them just created.
 */
import type { SandboxMarketState } from './sandbox-market.ts';

/** The market plus what the adapter keeps beside it. */
export interface SandboxMarketDocument {
  market: SandboxMarketState;
  /** `<level>:<idempotency key>` → the id created for it, so a retried create finds its twin. */
  createdByKey: Record<string, string>;
}

export interface LoadedSandboxMarket {
  document: SandboxMarketDocument;
  /** Opaque; hand it back to `save`. */
  version: string;
}

export interface SandboxMarketStore {
  load(orgId: string): Promise<LoadedSandboxMarket | null>;
  /**
   * Saves only if nobody saved since `version` was loaded (`null`: only if there is none yet).
   * Returns false when someone else saved first; the caller reloads and tries again.
   */
  save(orgId: string, document: SandboxMarketDocument, version: string | null): Promise<boolean>;
}

export const sandboxMarketKey = (orgId: string) => `sandbox-market/${orgId}.json`;

export function r2SandboxMarketStore(bucket: R2Bucket): SandboxMarketStore {
  return {
    async load(orgId) {
      const object = await bucket.get(sandboxMarketKey(orgId));
      if (!object) return null;
      return { document: await object.json<SandboxMarketDocument>(), version: object.etag };
    },
    async save(orgId, document, version) {
      const written = await bucket.put(sandboxMarketKey(orgId), JSON.stringify(document), {
        httpMetadata: { contentType: 'application/json' },
        onlyIf: version === null ? { etagDoesNotMatch: '*' } : { etagMatches: version },
      });
      return written !== null;
    },
  };
}
