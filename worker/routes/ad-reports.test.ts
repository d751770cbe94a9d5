import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { newId } from '../../domain/ids.ts';
import { database } from '../../platform/db.ts';
import { autopilotDecisions } from '../../schema/autopilot.ts';
import { recordConversion } from '../../services/ads/conversions.ts';
import {
  adsJobsSettled,
  fireCron,
  HOUR,
  jobsOf,
  launchCampaign,
  writeInsights,
} from '../../test/autopilot.ts';
import { addMember, call, signUp } from '../../test/helpers.ts';

const db = database(env.DB);
/** 00:00 UTC on 6 Dec is 21:00 on 5 Dec in São Paulo: the last complete org day is 4 Dec. */
const MIDNIGHT_UTC = Date.UTC(2026, 11, 6, 0);
const DAY_START = Date.UTC(2026, 11, 4, 3);
const DAY_END = Date.UTC(2026, 11, 5, 3);

describe('the daily report cron', { timeout: 60_000 }, () => {
  it('reports the org’s last complete day: totals, best and worst campaigns, orders, actions; HTML and CSV in R2', async () => {
    const owner = await signUp();
    const good = await launchCampaign(owner.org.id, {
      name: 'Boa <campanha>',
      launchedAt: DAY_START - 48 * HOUR,
      adSets: [{ budgetMinor: 10_000, ads: 1 }],
    });
    const bad = await launchCampaign(owner.org.id, {
      name: 'Ruim',
      launchedAt: DAY_START - 48 * HOUR,
      adSets: [{ budgetMinor: 10_000, ads: 1 }],
    });
    const hour = { impressions: 1_000, clicks: 20, spendMinor: 1_000, conversions: 1 };
    await writeInsights(
      owner.org.id,
      good.campaignId,
      good.adSets[0]!.ads[0]!.id,
      { ...hour, revenueMinor: 4_000 },
      10,
      DAY_END,
    );
    await writeInsights(
      owner.org.id,
      bad.campaignId,
      bad.adSets[0]!.ads[0]!.id,
      { ...hour, revenueMinor: 500 },
      10,
      DAY_END,
    );
    // Outside the day: the hour after it ends, in São Paulo already 5 Dec.
    await writeInsights(
      owner.org.id,
      good.campaignId,
      good.adSets[0]!.ads[0]!.id,
      { ...hour, revenueMinor: 9_999 },
      1,
      DAY_END + HOUR,
    );
    await recordConversion(db, owner.org.id, {
      orderId: 'pedido-1',
      amountMinor: 12_990,
      currency: 'BRL',
      orderedAt: new Date(DAY_START + 5 * HOUR).toISOString(),
    });
    await db.insert(autopilotDecisions).values({
      id: newId(),
      orgId: owner.org.id,
      cycleKey: 'k1',
      cycle: 'decide',
      windowStart: new Date(DAY_START + 3 * HOUR),
      entityKind: 'ad_set',
      entityId: bad.adSets[0]!.id,
      adSetId: bad.adSets[0]!.id,
      campaignId: bad.campaignId,
      verdict: 'loser',
      actionType: 'pause',
      action: { type: 'pause', reason: 'stop_loss' },
      reasons: ['loser'],
      inputs: {} as never,
      thresholds: {},
      expected: { status: 'paused', dailyBudgetMinor: 10_000, dailySpendChangeMinor: -10_000 },
      ruleVersion: 'autopilot-rules/1',
      mode: 'AUTO',
      requiresApproval: false,
      status: 'executed',
      executedAt: new Date(DAY_START + 4 * HOUR),
    });

    await fireCron('0 0 * * *', MIDNIGHT_UTC);
    await adsJobsSettled(owner.org.id);

    const viewer = await addMember(owner, 'viewer');
    const res = await call('/api/v1/reports/daily?date=2026-12-04', { token: viewer.token });
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({
      date: '2026-12-04',
      timeZone: 'America/Sao_Paulo',
      currency: 'BRL',
      totals: {
        spendMinor: 20_000,
        revenueMinor: 45_000,
        conversions: 20,
        roas: 2.25,
        orders: 1,
        ordersRevenueMinor: 12_990,
      },
      links: {
        html: '/api/v1/reports/daily/2026-12-04/html',
        csv: '/api/v1/reports/daily/2026-12-04/csv',
      },
    });
    expect(res.json.details.campaigns.top.map((c: any) => c.name)).toEqual([
      'Boa <campanha>',
      'Ruim',
    ]);
    expect(res.json.details.campaigns.top[1]).toMatchObject({ profitMinor: -5_000, roas: 0.5 });
    expect(res.json.details.actions.counts).toEqual({ 'pause:stop_loss': 1 });
    // Without a date: the latest report.
    expect((await call('/api/v1/reports/daily', { token: viewer.token })).json.date).toBe(
      '2026-12-04',
    );

    const html = await call(res.json.links.html, { token: viewer.token });
    expect(html.headers.get('content-type')).toContain('text/html');
    expect(html.text).toContain('Boa &#60;campanha&#62;');
    expect(html.text).not.toContain('<campanha>');
    const csv = await call(res.json.links.csv, { token: viewer.token });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.text.split('\r\n')[1]).toBe('total,,2026-12-04,20000,45000,20,2.25,25000');

    // The cron again and a rebuild by an admin: still one report for the day, one job.
    await fireCron('0 0 * * *', MIDNIGHT_UTC + 60_000);
    const rebuilt = await call('/api/v1/reports/daily', {
      token: owner.token,
      body: { date: '2026-12-04' },
    });
    expect(rebuilt.status).toBe(201);
    expect((await jobsOf(owner.org.id)).filter((j) => j.kind === 'reports.daily')).toHaveLength(1);
    const rows = await env.DB.prepare('select count(*) as n from daily_reports where org_id = ?')
      .bind(owner.org.id)
      .first<{ n: number }>();
    expect(rows!.n).toBe(1);
    expect(
      (await call('/api/v1/reports/daily?date=2026-12-03', { token: owner.token })).status,
    ).toBe(404);
  });
});

describe('autopilot settings', { timeout: 30_000 }, () => {
  it('start at the defaults; admins change them group by group; bad values are refused naming the field', async () => {
    const owner = await signUp();
    const initial = await call('/api/v1/autopilot/settings', { token: owner.token });
    expect(initial.json).toMatchObject({
      mode: 'APPROVAL',
      currency: 'BRL',
      timeZone: 'America/Sao_Paulo',
      caps: { dailyMinor: 30_000, weeklyMinor: 150_000, warnAtPercent: 80 },
      approvalThresholdMinor: 10_000,
      ruleVersion: 'autopilot-rules/1',
    });
    const changed = await call('/api/v1/autopilot/settings', {
      method: 'PATCH',
      token: owner.token,
      body: { mode: 'AUTO', targets: { minRoasPercent: 200 }, caps: { dailyMinor: 50_000 } },
    });
    expect(changed.status).toBe(200);
    expect(changed.json).toMatchObject({
      mode: 'AUTO',
      targets: { minRoasPercent: 200, minCtrBasisPoints: 150 },
      caps: { dailyMinor: 50_000, weeklyMinor: 150_000 },
    });
    const again = await call('/api/v1/autopilot/settings', {
      method: 'PATCH',
      token: owner.token,
      body: { targets: { minCvrBasisPoints: 300 } },
    });
    expect(again.json.targets).toMatchObject({ minRoasPercent: 200, minCvrBasisPoints: 300 });

    const before = await call('/api/v1/autopilot/settings', { token: owner.token });
    for (const [body, path] of [
      [{ caps: { weeklyMinor: 10_000 } }, 'caps.weeklyMinor'],
      [{ mode: 'YOLO' }, 'mode'],
      [{ targets: { minRoasPercent: -1 } }, 'targets.minRoasPercent'],
      [{ caps: { warnAtPercent: 101 } }, 'caps.warnAtPercent'],
    ] as const) {
      const res = await call('/api/v1/autopilot/settings', {
        method: 'PATCH',
        token: owner.token,
        body,
      });
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.json.errors.map((e: any) => e.path)).toContain(path);
    }
    expect((await call('/api/v1/autopilot/settings', { token: owner.token })).json).toEqual(
      before.json,
    );

    const member = await addMember(owner, 'member');
    expect((await call('/api/v1/autopilot/settings', { token: member.token })).status).toBe(200);
    const refused = await call('/api/v1/autopilot/settings', {
      method: 'PATCH',
      token: member.token,
      body: { mode: 'DRY_RUN' },
    });
    expect(refused.status).toBe(403);
  });
});
