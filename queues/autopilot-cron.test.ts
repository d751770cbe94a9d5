/**
 * The autopilot's crons end to end in workerd: the scheduled handler fans out `ads` jobs, the real
 * queue consumer runs them against the org's sandbox market, and D1 shows the result.
 */
import { createMessageBatch, env } from 'cloudflare:test';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Proposal } from '../domain/ads/campaign-doc.ts';
import { database } from '../platform/db.ts';
import type { QueueMessage } from '../platform/jobs.ts';
import { type SandboxMarketDocument, sandboxMarketKey } from '../providers/ads/sandbox-store.ts';
import { adSets } from '../schema/ads.ts';
import { adInsights, autopilotDecisions } from '../schema/autopilot.ts';
import { alerts } from '../schema/jobs.ts';
import { campaignRoom } from '../services/ads/campaigns.ts';
import { runAutopilotCycle } from '../services/autopilot/cycle.ts';
import {
  adsJobsSettled,
  fireCron,
  HOUR,
  jobsOf,
  type LaunchedCampaign,
  launchCampaign,
  sandboxOf,
  writeInsights,
} from '../test/autopilot.ts';
import { addMember, call, signUp, type TestUser } from '../test/helpers.ts';
import worker from '../worker/index.ts';

const db = database(env.DB);
const SIX_HOURS = 6 * HOUR;
/** The next six-hourly window: the cycle these tests run. */
const T = Math.floor(Date.now() / SIX_HOURS) * SIX_HOURS + SIX_HOURS;

const WINNING_HOUR = {
  impressions: 1_000,
  clicks: 20,
  spendMinor: 1_000,
  conversions: 1,
  revenueMinor: 3_000,
};
const LOSING_HOUR = {
  impressions: 1_000,
  clicks: 5,
  spendMinor: 1_000,
  conversions: 0,
  revenueMinor: 0,
};

async function settings(owner: TestUser, body: Record<string, unknown>) {
  const res = await call('/api/v1/autopilot/settings', {
    method: 'PATCH',
    token: owner.token,
    body,
  });
  expect(res.status, res.text).toBe(200);
  return res.json;
}

/** One winning and one losing ad set, two ads each, 30 hours of data up to T. */
async function winnerAndLoser(owner: TestUser, winnerBudgetMinor = 10_000, until = T) {
  const campaign = await launchCampaign(owner.org.id, {
    launchedAt: T - 48 * HOUR,
    adSets: [
      { budgetMinor: winnerBudgetMinor, ads: 2 },
      { budgetMinor: 10_000, ads: 2 },
    ],
  });
  const [winner, loser] = campaign.adSets as [
    LaunchedCampaign['adSets'][0],
    LaunchedCampaign['adSets'][0],
  ];
  for (const ad of winner.ads)
    await writeInsights(owner.org.id, campaign.campaignId, ad.id, WINNING_HOUR, 30, until);
  for (const ad of loser.ads)
    await writeInsights(owner.org.id, campaign.campaignId, ad.id, LOSING_HOUR, 30, until);
  return { campaign, winner, loser };
}

const decisionsOf = (orgId: string) =>
  db
    .select()
    .from(autopilotDecisions)
    .where(eq(autopilotDecisions.orgId, orgId))
    .orderBy(autopilotDecisions.id);

const adSetRow = (id: string) => db.select().from(adSets).where(eq(adSets.id, id)).get();

async function marketOf(orgId: string): Promise<SandboxMarketDocument['market']> {
  const object = await env.MEDIA.get(sandboxMarketKey(orgId));
  return (await object!.json<SandboxMarketDocument>()).market;
}

const alertKinds = async (orgId: string) =>
  (await db.select({ kind: alerts.kind }).from(alerts).where(eq(alerts.orgId, orgId)))
    .map((a) => a.kind)
    .sort();

const BIG_CAPS = { caps: { dailyMinor: 1_000_000, weeklyMinor: 5_000_000 } };

describe('the six-hourly decisions cron', { timeout: 60_000 }, () => {
  it('in AUTO raises the winner by 20%, stops the loser, on the platform and in D1 — and a second run changes nothing', async () => {
    const owner = await signUp();
    await settings(owner, { mode: 'AUTO', ...BIG_CAPS });
    const { winner, loser } = await winnerAndLoser(owner);

    await fireCron('0 */6 * * *', T);
    await adsJobsSettled(owner.org.id);

    const decisions = await decisionsOf(owner.org.id);
    const byEntity = (id: string) => decisions.filter((d) => d.entityId === id);
    expect(
      byEntity(winner.id)
        .map((d) => [d.actionType, d.status])
        .sort(),
    ).toEqual([
      ['request_creatives', 'executed'],
      ['set_budget', 'executed'],
    ]);
    expect(byEntity(winner.id).find((d) => d.actionType === 'set_budget')!.action).toEqual({
      type: 'set_budget',
      reason: 'winner_raise',
      fromMinor: 10_000,
      toMinor: 12_000,
    });
    expect(byEntity(loser.id).map((d) => [d.actionType, d.status, d.verdict])).toEqual([
      ['pause', 'executed', 'loser'],
    ]);
    for (const ad of winner.ads)
      expect(byEntity(ad.id).map((d) => [d.actionType, d.status])).toEqual([['hold', 'recorded']]);
    // The snapshot a person (or an auditor) reads the justification from.
    const raise = byEntity(winner.id).find((d) => d.actionType === 'set_budget')!;
    expect(raise.inputs.judgedTotals).toEqual({
      impressions: 60_000,
      clicks: 1_200,
      spendMinor: 60_000,
      conversions: 60,
      revenueMinor: 180_000,
    });
    expect(raise.ruleVersion).toBe('autopilot-rules/1');
    expect(raise.thresholds).toMatchObject({ targets: { minRoasPercent: 150 } });

    expect(await adSetRow(winner.id)).toMatchObject({ dailyBudgetMinor: 12_000, status: 'active' });
    expect(await adSetRow(loser.id)).toMatchObject({ status: 'paused', pausedFor: 'stop_loss' });
    const market = await marketOf(owner.org.id);
    expect(market.adSets[winner.externalId]).toMatchObject({
      dailyBudgetMinor: 12_000,
      status: 'ACTIVE',
    });
    expect(market.adSets[loser.externalId]).toMatchObject({ status: 'PAUSED' });

    const audited = await env.DB.prepare(
      "select count(*) as n from audit_log where org_id = ? and action like 'autopilot.decision.%'",
    )
      .bind(owner.org.id)
      .first<{ n: number }>();
    expect(audited!.n).toBe(decisions.length + 3); // each decision once, plus the three executions
    expect(await alertKinds(owner.org.id)).toEqual(
      expect.arrayContaining(['autopilot.new_winner', 'autopilot.creatives_needed']),
    );

    // The same window again, by cron and by hand: nothing more is stored, queued or sent.
    const jobsBefore = (await jobsOf(owner.org.id)).length;
    await fireCron('0 */6 * * *', T + 60_000);
    const again = await runAutopilotCycle(env, owner.org.id, 'decide', T + 2 * HOUR);
    expect(again).toMatchObject({ stored: 0, queued: 0, proposed: 0 });
    await adsJobsSettled(owner.org.id);
    expect((await jobsOf(owner.org.id)).length).toBe(jobsBefore);
    expect(await decisionsOf(owner.org.id)).toEqual(decisions);
    expect(await adSetRow(winner.id)).toMatchObject({ dailyBudgetMinor: 12_000 });
  });

  it('in DRY_RUN records every decision and sends nothing', async () => {
    const owner = await signUp();
    await settings(owner, { mode: 'DRY_RUN', ...BIG_CAPS });
    const { winner, loser } = await winnerAndLoser(owner);
    await fireCron('0 */6 * * *', T);
    await adsJobsSettled(owner.org.id);
    const decisions = await decisionsOf(owner.org.id);
    expect(
      decisions.filter((d) => d.actionType !== 'hold').every((d) => d.status === 'dry_run'),
    ).toBe(true);
    expect(decisions.map((d) => d.actionType).sort()).toEqual([
      'hold',
      'hold',
      'pause',
      'request_creatives',
      'set_budget',
    ]);
    expect((await jobsOf(owner.org.id)).map((j) => j.kind)).toEqual(['autopilot.decide']);
    expect(await adSetRow(winner.id)).toMatchObject({ dailyBudgetMinor: 10_000, status: 'active' });
    expect(await adSetRow(loser.id)).toMatchObject({ status: 'active' });
    expect((await marketOf(owner.org.id)).adSets[loser.externalId]!.status).toBe('ACTIVE');
  });

  it('in APPROVAL proposes; an admin approves one (then it runs) and rejects the other; members cannot', async () => {
    const owner = await signUp();
    await settings(owner, { mode: 'APPROVAL', ...BIG_CAPS });
    const { campaign, winner, loser } = await winnerAndLoser(owner);
    await fireCron('0 */6 * * *', T);
    await adsJobsSettled(owner.org.id);
    const proposals = await call('/api/v1/autopilot/decisions?status=proposed', {
      token: owner.token,
    });
    expect(proposals.status).toBe(200);
    const raise = proposals.json.items.find(
      (d: any) => d.entityId === winner.id && d.actionType === 'set_budget',
    );
    const pause = proposals.json.items.find((d: any) => d.entityId === loser.id);
    expect(raise).toMatchObject({ status: 'proposed', expected: { dailyBudgetMinor: 12_000 } });
    expect(pause).toMatchObject({ status: 'proposed', actionType: 'pause' });
    expect(await adSetRow(winner.id)).toMatchObject({ dailyBudgetMinor: 10_000 });
    // The team sees them live in the campaign's room too.
    const room = await campaignRoom(env, campaign.campaignId);
    const inRoom = (await room.proposals(owner.org.id)) as Proposal[];
    expect(inRoom.map((p) => [p.id, p.status]).sort()).toEqual(
      [
        [raise.id, 'pending'],
        [pause.id, 'pending'],
        ...proposals.json.items
          .filter((d: any) => d.id !== raise.id && d.id !== pause.id)
          .map((d: any) => [d.id, 'pending']),
      ].sort(),
    );
    // A code and parameters the web words; English with English-formatted money for API clients.
    expect(inRoom.find((p) => p.id === raise.id)).toMatchObject({
      code: 'autopilot.proposal.set_budget.winner_raise',
      params: { entityName: 'Público 1', fromMinor: 10_000, toMinor: 12_000, currency: 'BRL' },
      summary: 'Raise the daily budget of Público 1 from R$100.00 to R$120.00',
    });

    const member = await addMember(owner, 'member');
    expect(
      (
        await call(`/api/v1/autopilot/decisions/${raise.id}/approve`, {
          method: 'POST',
          token: member.token,
        })
      ).status,
    ).toBe(403);

    const approved = await call(`/api/v1/autopilot/decisions/${raise.id}/approve`, {
      method: 'POST',
      token: owner.token,
    });
    expect(approved.status, approved.text).toBe(200);
    expect(approved.json).toMatchObject({ status: 'approved', decidedBy: owner.user.id });
    const rejected = await call(`/api/v1/autopilot/decisions/${pause.id}/reject`, {
      method: 'POST',
      token: owner.token,
    });
    expect(rejected.json.status).toBe('rejected');
    const twice = await call(`/api/v1/autopilot/decisions/${pause.id}/approve`, {
      method: 'POST',
      token: owner.token,
    });
    expect(twice.status).toBe(409);

    await adsJobsSettled(owner.org.id);
    expect(await adSetRow(winner.id)).toMatchObject({ dailyBudgetMinor: 12_000 });
    expect(await adSetRow(loser.id)).toMatchObject({ status: 'active' });
    const settled = (await room.proposals(owner.org.id)) as Proposal[];
    expect(settled.find((p) => p.id === raise.id)).toMatchObject({
      status: 'approved',
      decidedBy: owner.user.id,
    });
    expect(settled.find((p) => p.id === pause.id)).toMatchObject({ status: 'rejected' });
    const shown = await call(`/api/v1/autopilot/decisions/${raise.id}`, { token: owner.token });
    expect(shown.json.status).toBe('executed');
    expect((await marketOf(owner.org.id)).adSets[winner.externalId]!.dailyBudgetMinor).toBe(12_000);
  });

  it('in AUTO a raise above the approval threshold still waits for a person', async () => {
    const owner = await signUp();
    await settings(owner, { mode: 'AUTO', approvalThresholdMinor: 10_000, ...BIG_CAPS });
    const { winner, loser } = await winnerAndLoser(owner, 100_000);
    await fireCron('0 */6 * * *', T);
    await adsJobsSettled(owner.org.id);
    const decisions = await decisionsOf(owner.org.id);
    const raise = decisions.find((d) => d.entityId === winner.id && d.actionType === 'set_budget')!;
    expect(raise).toMatchObject({ status: 'proposed', requiresApproval: true });
    expect(raise.reasons).toContain('above_approval_threshold');
    expect(await adSetRow(winner.id)).toMatchObject({ dailyBudgetMinor: 100_000 });
    // Lowering spend never waits.
    expect(await adSetRow(loser.id)).toMatchObject({ status: 'paused' });
  });

  it('an approval is refused when the caps no longer leave room for the raise', async () => {
    const owner = await signUp();
    await settings(owner, {
      mode: 'APPROVAL',
      caps: { dailyMinor: 25_000, weeklyMinor: 5_000_000 },
    });
    // The data ends where T's São Paulo day begins, so nothing was spent yet that day.
    const dayStart = Math.floor((T - 3 * HOUR) / (24 * HOUR)) * 24 * HOUR + 3 * HOUR;
    const { winner } = await winnerAndLoser(owner, 10_000, dayStart);
    await fireCron('0 */6 * * *', T);
    await adsJobsSettled(owner.org.id);
    const raise = (await decisionsOf(owner.org.id)).find(
      (d) => d.entityId === winner.id && d.actionType === 'set_budget',
    );
    // Proposed with the loser's pause planned beside it, the raised budget fits a 25,000 cap; with
    // the pause rejected or pending and the cap lowered to 20,000, 12,000 + 10,000 no longer do.
    expect(raise?.status).toBe('proposed');
    await settings(owner, { caps: { dailyMinor: 20_000 } });
    const res = await call(`/api/v1/autopilot/decisions/${raise!.id}/approve`, {
      method: 'POST',
      token: owner.token,
    });
    expect(res.status).toBe(409);
    expect(res.json.detail).toMatch(/caps/);
    expect((await decisionsOf(owner.org.id)).find((d) => d.id === raise!.id)!.status).toBe(
      'proposed',
    );
  });
});

describe('the hourly insights cron', { timeout: 60_000 }, () => {
  it('pulls the sandbox market hour by hour; a re-pull of the same hours replaces rows instead of adding', async () => {
    const owner = await signUp();
    await settings(owner, BIG_CAPS);
    const start = Math.ceil(Date.now() / HOUR) * HOUR;
    const campaign = await launchCampaign(owner.org.id, {
      launchedAt: start,
      adSets: [{ budgetMinor: 20_000, ads: 3 }],
    });
    const market = sandboxOf(owner.org.id);
    await market.advanceTo(start + 30 * HOUR);

    await fireCron('0 * * * *', start + 30 * HOUR);
    await adsJobsSettled(owner.org.id);
    const first = await db
      .select()
      .from(adInsights)
      .where(eq(adInsights.orgId, owner.org.id))
      .orderBy(adInsights.adId, adInsights.hourStart);
    expect(first.length).toBeGreaterThan(30);
    expect(new Set(first.map((r) => r.adId))).toEqual(
      new Set(campaign.adSets[0]!.ads.map((a) => a.id)),
    );
    expect(
      first.every(
        (r) => r.hourStart < start + 30 * HOUR && r.attributionWindow === '7d_click_1d_view',
      ),
    ).toBe(true);

    // The same cron delivered twice queues no second pull.
    await fireCron('0 * * * *', start + 30 * HOUR);
    expect((await jobsOf(owner.org.id)).filter((j) => j.kind === 'insights.pull')).toHaveLength(1);

    // An hour later the pull re-reads 47 of the same hours: they are replaced, not added again.
    await market.advanceTo(start + 31 * HOUR);
    await fireCron('0 * * * *', start + 31 * HOUR);
    await adsJobsSettled(owner.org.id);
    const second = await db
      .select()
      .from(adInsights)
      .where(eq(adInsights.orgId, owner.org.id))
      .orderBy(adInsights.adId, adInsights.hourStart);
    const strip = ({ pulledAt: _p, ...row }: (typeof first)[number]) => row;
    expect(second.filter((r) => r.hourStart < start + 30 * HOUR).map(strip)).toEqual(
      first.map(strip),
    );
    expect(second.length).toBeGreaterThan(first.length);

    // The read API sums the same rows and derives the ratios from them.
    const res = await call(
      `/api/v1/campaigns/${campaign.campaignId}/insights?granularity=hour&from=${new Date(start).toISOString()}&to=${new Date(start + 31 * HOUR).toISOString()}`,
      { token: owner.token },
    );
    expect(res.status, res.text).toBe(200);
    const spend = second.reduce((s, r) => s + r.spendMinor, 0);
    const clicks = second.reduce((s, r) => s + r.clicks, 0);
    const impressions = second.reduce((s, r) => s + r.impressions, 0);
    expect(res.json.totals).toMatchObject({ spendMinor: spend, clicks, impressions });
    expect(res.json.metrics.ctr).toBeCloseTo(clicks / impressions, 10);
    expect(res.json.points).toHaveLength(new Set(second.map((r) => r.hourStart)).size);
    const byDay = await call(
      `/api/v1/campaigns/${campaign.campaignId}/insights?granularity=day&from=${new Date(start).toISOString()}&to=${new Date(start + 31 * HOUR).toISOString()}`,
      { token: owner.token },
    );
    expect(byDay.json.points.reduce((s: number, p: any) => s + p.totals.spendMinor, 0)).toBe(spend);
    expect(byDay.json.points.length).toBeLessThanOrEqual(3);
  });

  it('at a reached daily cap pauses every ad set, in any mode, with one critical alert', async () => {
    const owner = await signUp(); // APPROVAL by default, daily cap R$ 300
    const campaign = await launchCampaign(owner.org.id, {
      launchedAt: T - 48 * HOUR,
      adSets: [
        { budgetMinor: 20_000, ads: 1 },
        { budgetMinor: 20_000, ads: 1 },
      ],
    });
    const [a, b] = campaign.adSets;
    await writeInsights(
      owner.org.id,
      campaign.campaignId,
      a!.ads[0]!.id,
      { ...LOSING_HOUR, spendMinor: 31_000 },
      1,
      T,
    );
    await fireCron('0 * * * *', T);
    await adsJobsSettled(owner.org.id);
    for (const adSet of [a!, b!])
      expect(await adSetRow(adSet.id)).toMatchObject({ status: 'paused', pausedFor: 'daily_cap' });
    const market = await marketOf(owner.org.id);
    expect(market.adSets[a!.externalId]!.status).toBe('PAUSED');
    expect(market.adSets[b!.externalId]!.status).toBe('PAUSED');
    const raised = await db
      .select()
      .from(alerts)
      .where(and(eq(alerts.orgId, owner.org.id), eq(alerts.kind, 'autopilot.spend_cap_reached')));
    expect(raised).toHaveLength(1);
    expect(raised[0]!.severity).toBe('critical');
    expect(await alertKinds(owner.org.id)).toContain('autopilot.campaign_paused');

    // The next hour: still at the cap, nothing more to pause, no second alert.
    await fireCron('0 * * * *', T + HOUR);
    await adsJobsSettled(owner.org.id);
    expect(
      await db
        .select()
        .from(alerts)
        .where(and(eq(alerts.orgId, owner.org.id), eq(alerts.kind, 'autopilot.spend_cap_reached'))),
    ).toHaveLength(1);
  });

  it('warns once when spend reaches 80% of the daily cap, without pausing', async () => {
    const owner = await signUp();
    const campaign = await launchCampaign(owner.org.id, {
      launchedAt: T - 48 * HOUR,
      adSets: [{ budgetMinor: 10_000, ads: 1 }],
    });
    const adSet = campaign.adSets[0]!;
    await writeInsights(
      owner.org.id,
      campaign.campaignId,
      adSet.ads[0]!.id,
      { ...WINNING_HOUR, spendMinor: 25_000 },
      1,
      T,
    );
    await fireCron('0 * * * *', T);
    await adsJobsSettled(owner.org.id);
    await fireCron('0 * * * *', T + HOUR);
    await adsJobsSettled(owner.org.id);
    expect(await adSetRow(adSet.id)).toMatchObject({ status: 'active' });
    const near = await db
      .select()
      .from(alerts)
      .where(and(eq(alerts.orgId, owner.org.id), eq(alerts.kind, 'autopilot.spend_cap_near')));
    expect(near.map((n) => n.severity)).toEqual(['warning']);
  });

  it('raises "no conversions in 24 h" and "ROAS below target" for campaigns that earn them', async () => {
    const owner = await signUp();
    await settings(owner, BIG_CAPS);
    const silent = await launchCampaign(owner.org.id, {
      launchedAt: T - 48 * HOUR,
      adSets: [{ budgetMinor: 10_000, ads: 1 }],
    });
    const weak = await launchCampaign(owner.org.id, {
      launchedAt: T - 48 * HOUR,
      adSets: [{ budgetMinor: 10_000, ads: 1 }],
    });
    await writeInsights(
      owner.org.id,
      silent.campaignId,
      silent.adSets[0]!.ads[0]!.id,
      LOSING_HOUR,
      24,
      T,
    );
    await writeInsights(
      owner.org.id,
      weak.campaignId,
      weak.adSets[0]!.ads[0]!.id,
      { ...WINNING_HOUR, revenueMinor: 1_200 },
      24,
      T,
    );
    await fireCron('0 * * * *', T);
    await adsJobsSettled(owner.org.id);
    const raised = await db.select().from(alerts).where(eq(alerts.orgId, owner.org.id));
    const about = (kind: string) =>
      raised.filter((r) => r.kind === kind).map((r) => (r.data as any).campaignId);
    expect(about('autopilot.no_conversions')).toEqual([silent.campaignId]);
    expect(about('autopilot.roas_below_target')).toEqual([weak.campaignId]);
  });

  it('a failing platform raises one "platform failing" alert and the pull fails without writing rows', async () => {
    const owner = await signUp();
    const campaign = await launchCampaign(owner.org.id, {
      launchedAt: T - 48 * HOUR,
      adSets: [{ budgetMinor: 10_000, ads: 1 }],
    });
    // The campaign runs on Meta, which this org never connected: the token is missing.
    await env.DB.prepare("update ad_campaigns set platform = 'meta' where id = ?")
      .bind(campaign.campaignId)
      .run();
    await fireCron('0 * * * *', T);
    await adsJobsSettled(owner.org.id);
    const pull = (await jobsOf(owner.org.id)).find((j) => j.kind === 'insights.pull')!;
    expect(pull).toMatchObject({ status: 'failed', input: { platform: 'meta', at: T } });
    const failing = await db
      .select()
      .from(alerts)
      .where(and(eq(alerts.orgId, owner.org.id), eq(alerts.kind, 'ads.platform_failing')));
    expect(failing.map((a) => [a.severity, (a.data as any).kind])).toEqual([['critical', 'auth']]);
    expect(await db.select().from(adInsights).where(eq(adInsights.orgId, owner.org.id))).toEqual(
      [],
    );
  });

  it('an execution that exhausted its retries lands in the dead-letter queue and its decision is marked failed', async () => {
    const owner = await signUp();
    await settings(owner, { mode: 'AUTO', ...BIG_CAPS });
    const { loser } = await winnerAndLoser(owner);
    // Jobs are recorded but their messages never delivered: the test plays the dead-letter queue.
    const silentQueue = {
      ...env,
      ADS_QUEUE: { send: async () => {}, sendBatch: async () => {} },
    } as unknown as typeof env;
    await runAutopilotCycle(silentQueue, owner.org.id, 'decide', T);
    const pause = (await decisionsOf(owner.org.id)).find((d) => d.entityId === loser.id)!;
    expect(pause.status).toBe('queued');
    const job = (await jobsOf(owner.org.id)).find((j) => j.input?.decisionId === pause.id)!;
    await worker.queue(
      createMessageBatch<QueueMessage>('ads-dlq', [
        {
          id: 'm0',
          timestamp: new Date(),
          attempts: 4,
          body: { jobId: job.id, orgId: owner.org.id },
        },
      ]),
      env,
    );
    const after = (await decisionsOf(owner.org.id)).find((d) => d.id === pause.id)!;
    expect(after).toMatchObject({ status: 'failed', error: expect.stringContaining('gave up') });
    expect(await adSetRow(loser.id)).toMatchObject({ status: 'active' });
  });
});
