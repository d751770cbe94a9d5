import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { phoneKey } from '../../domain/phone.ts';
import { DEMO_BOARD_ID, seedPipelineDemo } from './demo.ts';

describe('the demo pipeline', () => {
  it('seeds one board with the default stages and 30 leads, and seeding again changes nothing', {
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
    expect(await count('stages')).toBe(6);
    expect(await count('leads')).toBe(30);
    const snapshot = await env.PIPELINE_BOARD.getByName(DEMO_BOARD_ID).snapshot();
    expect(snapshot.ok && snapshot.value.leads.length).toBe(30);
    if (!snapshot.ok) throw new Error('no snapshot');
    const { leads, stages } = snapshot.value;
    // Thirty different people at thirty different businesses, each with a phone that dials.
    expect(new Set(leads.map((lead) => lead.name)).size).toBe(30);
    expect(new Set(leads.map((lead) => lead.company)).size).toBe(30);
    expect(new Set(leads.map((lead) => lead.email)).size).toBe(30);
    for (const lead of leads) expect(phoneKey(lead.phone), lead.phone).toMatch(/^\+55\d{11}$/);
    // The lost deals say why.
    const lost = stages.find((stage) => stage.outcome === 'lost')!;
    const lostLeads = leads.filter((lead) => lead.stageId === lost.id);
    expect(lostLeads.length).toBeGreaterThan(0);
    for (const lead of lostLeads) expect(lead.lostReason).not.toBe('');
    expect(await seedPipelineDemo(env, orgId, owners)).toEqual([]);
    expect(await count('leads')).toBe(30);
  });
});
