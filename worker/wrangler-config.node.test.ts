/** wrangler.toml and the code that serves it must agree: every cron has tasks, every queue a consumer. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CRON_TASKS } from '../queues/cron.ts';

const toml = readFileSync(new URL('../wrangler.toml', import.meta.url), 'utf8');
const all = (re: RegExp) => [...toml.matchAll(re)].map((m) => m[1]);

describe('wrangler.toml', () => {
  it('declares exactly the crons queues/cron.ts runs', () => {
    const crons = JSON.parse(/crons = (\[.*\])/.exec(toml)![1]!);
    expect(crons.sort()).toEqual(Object.keys(CRON_TASKS).sort());
  });

  it('gives every produced queue a consumer with a dead-letter queue, and consumes the dead letters', () => {
    const produced = all(/\[\[queues\.producers\]\][^[]*?queue = "([^"]+)"/g);
    const consumed = all(/\[\[queues\.consumers\]\]\s*queue = "([^"]+)"/g);
    const deadLetters = all(/dead_letter_queue = "([^"]+)"/g);
    expect(produced.sort()).toEqual(['ads', 'generation', 'messaging']);
    expect(deadLetters.sort()).toEqual(produced.map((q) => `${q}-dlq`).sort());
    expect(consumed.sort()).toEqual([...produced, ...deadLetters].sort());
  });

  it('binds each Durable Object class the Worker exports', () => {
    const classes = all(/class_name = "([^"]+)"/g).sort();
    const index = readFileSync(new URL('./index.ts', import.meta.url), 'utf8');
    const exported = [...index.matchAll(/export \{ (\w+) \} from '\.\.\/rooms\//g)]
      .map((m) => m[1])
      .sort();
    expect(classes).toEqual(exported);
    expect(classes).toEqual([
      'CampaignRoom',
      'CreditLedger',
      'EchoRoom',
      'OrgHub',
      'PipelineBoard',
    ]);
  });
});
