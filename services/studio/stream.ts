/**
 * @module Live text of a running generation, to the org's open tabs through its OrgHub.
 *
 * Why OrgHub events rather than a streaming HTTP endpoint: the text is produced in a queue
 * consumer, not in the request that asked for it, so a streaming endpoint would need a relay of
 * its own between the consumer and the browser, and a reload would lose it. Every tab already
 * holds one hibernating OrgHub socket, which carries job progress too; the page only filters by
 * generation id. Each delta goes out as soon as the previous publish finished (one DO call in
 * flight, the rest coalesced), so a fast provider costs a few calls a second, not one per token.
 * Events carry `attempt` and `seq`: when the chain falls back, the next attempt starts a new text
 * and the page drops the old one.
 */
import type { OrgEvent } from '../../domain/live-events.ts';

export type Publish = (event: OrgEvent) => Promise<void>;

export class TextStream {
  private pending = '';
  private seq = 0;
  private attempt = 0;
  private sending: Promise<void> | null = null;
  private readonly publish: Publish;
  private readonly generationId: string;

  constructor(publish: Publish, generationId: string) {
    this.publish = publish;
    this.generationId = generationId;
  }

  /** A new provider starts over: what the page shows so far is dropped. */
  async restart(attempt: number) {
    await this.flush();
    this.attempt = attempt;
    this.seq = 0;
  }

  push(delta: string) {
    this.pending += delta;
    this.sending ??= this.drain();
  }

  /** Resolves once every pushed delta has been published. */
  async flush() {
    while (this.sending) await this.sending;
  }

  private async drain() {
    while (this.pending) {
      const delta = this.pending;
      this.pending = '';
      await this.publish({
        type: 'studio.text',
        generationId: this.generationId,
        attempt: this.attempt,
        seq: this.seq++,
        delta,
      });
    }
    this.sending = null;
  }
}

/** Progress in steps of `step` percent, so a long stream does not write on every token. */
export function steppedProgress(report: (percent: number) => Promise<void>, step = 10) {
  let last = 0;
  let chain = Promise.resolve();
  return {
    report(percent: number) {
      const stepped = Math.floor(Math.min(99, percent) / step) * step;
      if (stepped <= last) return;
      last = stepped;
      chain = chain.then(() => report(stepped)).catch(() => undefined);
    },
    settled: () => chain,
  };
}
