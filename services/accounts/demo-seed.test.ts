import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { studioJobsSettled } from '../../test/studio.ts';
import { ledgerOf } from '../credits/ledger-client.ts';
import { DEMO, seedDemo } from './demo-seed.ts';

describe('the demo seed', () => {
  it('gives the demo org credits and some usage, and seeding again changes nothing', {
    timeout: 30_000,
  }, async () => {
    await seedDemo(env);
    // The studio's demo generations run on the queue and pay from these credits.
    const studio = await studioJobsSettled(DEMO.orgId);
    const ledger = ledgerOf(env, DEMO.orgId);
    const first = await ledger.balance();
    // 5,000 granted, 125 spent across the demo usage, and what the studio's generations cost.
    expect(studio).toBeGreaterThan(0);
    expect(first).toEqual({ balance: 4875 - studio, held: 0, available: 4875 - studio });
    // The D1 mirror trails the ledger by design; count it once it has caught up.
    const entries = async () => {
      await ledger.mirrorNow();
      return (await env.DB.prepare('select count(*) as n from credit_entries where org_id = ?')
        .bind(DEMO.orgId)
        .first<{ n: number }>())!.n;
    };
    const count = await entries();
    await seedDemo(env);
    expect(await ledger.balance()).toEqual(first);
    expect(await entries()).toBe(count);
  });
});
