import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { DEMO_BOARD_ID, seedPipelineDemo } from './pipeline-demo.ts';

describe('the demo pipeline', () => {
  it('seeds one board with five stages and 30 leads, and seeding again changes nothing', {
    timeout: 30_000,
  }, async () => {
    const orgId = crypto.randomUUID();
    const owners = [crypto.randomUUID(), crypto.randomUUID()];
    expect(await seedPipelineDemo(env, orgId, owners)).toEqual(['pipeline board']);
    const count = async (table: string) =>
      (await env.DB.prepare(
        `select count(*) as n from ${table} where board_id = ? and org_id = ? and deleted_at is null`,
      )
        .bind(DEMO_BOARD_ID, orgId)
        .first<{ n: number }>())!.n;
    expect(await count('stages')).toBe(5);
    expect(await count('leads')).toBe(30);
    const snapshot = await env.PIPELINE_BOARD.getByName(DEMO_BOARD_ID).snapshot();
    expect(snapshot.ok && snapshot.value.leads.length).toBe(30);
    expect(await seedPipelineDemo(env, orgId, owners)).toEqual([]);
    expect(await count('leads')).toBe(30);
  });
});
