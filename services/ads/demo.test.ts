import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { call, signUp } from '../../test/helpers.ts';
import { ADS_DEMO, seedAdsDemo } from './demo.ts';

describe('the ads demo', () => {
  it('seeds judged products, creatives and a campaign published on the sandbox, once', {
    timeout: 30_000,
  }, async () => {
    const owner = await signUp();
    const first = await seedAdsDemo(env, owner.org.id, owner.user.id);
    expect(first).toEqual(['4 products', '6 creatives', 'campaign', 'a week of campaign results']);

    const list = await call('/api/v1/products', { token: owner.token });
    const statuses = list.json.items.map((p: { status: string }) => p.status).sort();
    expect(statuses).toEqual(['qualified', 'qualified', 'qualified', 'rejected']);

    const until = Date.now() + 15_000;
    let campaign = await call(`/api/v1/campaigns/${ADS_DEMO.campaignId}`, { token: owner.token });
    while (campaign.json.status === 'publishing' && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 100));
      campaign = await call(`/api/v1/campaigns/${ADS_DEMO.campaignId}`, { token: owner.token });
    }
    expect(campaign.json.status).toBe('active');
    expect(campaign.json.adSets[0].ads).toHaveLength(2);
    expect(campaign.json.adSets[0].ads.every((a: { externalId: string }) => a.externalId)).toBe(
      true,
    );

    // A week of results, as if the crons had run since it was published six days ago.
    const scalar = async (sql: string) =>
      (await env.DB.prepare(sql).bind(owner.org.id).first<{ n: number }>())!.n;
    const hours = await scalar(
      'select count(distinct hour_start) as n from ad_insights where org_id = ?',
    );
    expect(hours).toBeGreaterThan(5 * 24);
    expect(
      await scalar('select coalesce(sum(spend_minor), 0) as n from ad_insights where org_id = ?'),
    ).toBeGreaterThan(0);
    // The autopilot has had its say, and yesterday's report is not empty.
    expect(
      await scalar('select count(*) as n from autopilot_decisions where org_id = ?'),
    ).toBeGreaterThan(0);
    const report = await env.DB.prepare('select totals from daily_reports where org_id = ?')
      .bind(owner.org.id)
      .first<{ totals: string }>();
    expect(JSON.parse(report!.totals)).toMatchObject({
      spendMinor: expect.any(Number),
      impressions: expect.any(Number),
    });
    expect(JSON.parse(report!.totals).spendMinor).toBeGreaterThan(0);

    expect(await seedAdsDemo(env, owner.org.id, owner.user.id)).toEqual([]);
    const again = await call('/api/v1/products', { token: owner.token });
    expect(again.json.items).toHaveLength(4);
  });
});
