import { createExecutionContext, createMessageBatch, env, getQueueResult } from 'cloudflare:test';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { newId } from '../../domain/ids.ts';
import { database, orgScope } from '../../platform/db.ts';
import { consumeJobs, enqueueJob, type QueueMessage } from '../../platform/jobs.ts';
import { adPlatformFor } from '../../providers/ads/index.ts';
import { type AdPlatform, AdPlatformError } from '../../providers/ads/types.ts';
import { consumeDeadLetters } from '../../queues/dead-letters.ts';
import { adCampaigns } from '../../schema/ads.ts';
import { call, signUp, type TestUser } from '../../test/helpers.ts';
import { adAccountFor } from './accounts.ts';
import { PUBLISH_JOB_KIND, publishCampaign } from './campaign-publish.ts';
import {
  type Campaign,
  campaignRoom,
  campaignStructure,
  checkDraft,
  publishStatements,
  requireCampaign,
} from './campaigns.ts';

/** The real sandbox adapter, with failures injected before chosen calls and every call counted. */
function flakyPlatform(real: AdPlatform, failures: Record<string, (AdPlatformError | null)[]>) {
  const calls: string[] = [];
  const platform = new Proxy(real, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        const name = String(prop);
        const failure = failures[name]?.shift();
        calls.push(failure ? `${name}!` : name);
        if (failure) throw failure;
        return value.apply(target, args);
      };
    },
  });
  return { platform, calls };
}

const transient = () => new AdPlatformError('sandbox', 'transient', 'sandbox 503');

/**
 * A campaign with 2 ad sets of 1 ad each, set to publishing with its job recorded but not sent:
 * the test delivers the messages itself, as the queue would.
 */
async function publishingCampaign(owner: TestUser) {
  const ad = {
    name: 'A',
    headline: 'Oferta',
    body: 'Compre já.',
    callToAction: 'SHOP_NOW',
    imageUrl: 'https://cdn.example.com/a.png',
    landingUrl: 'https://loja.example.com/',
  };
  const set = (name: string) => ({
    name,
    dailyBudgetMinor: 3_000,
    countries: ['BR'],
    ageMin: 18,
    ageMax: 65,
    placements: [],
    ads: [ad],
  });
  const created = await call('/api/v1/campaigns', {
    token: owner.token,
    body: { name: 'Teste de publicação', adSets: [set('SP'), set('RJ')] },
  });
  expect(created.status).toBe(201);
  const db = database(env.DB);
  const org = orgScope(owner.org.id);
  const campaign = await requireCampaign(db, org, created.json.id);
  const raw = await (await campaignRoom(env, campaign.id)).draft(owner.org.id);
  const checked = checkDraft(raw, campaign);
  if (!checked.draft) throw new Error(JSON.stringify(checked.errors));
  const jobId = newId();
  const [first, ...rest] = publishStatements(
    db,
    org,
    campaign,
    checked.draft,
    { adSetIds: new Set(), adIds: new Set() },
    jobId,
  );
  await db.batch([first!, ...rest]);
  const quietEnv = { ...env, ADS_QUEUE: { send: async () => {}, sendBatch: async () => {} } };
  const job = await enqueueJob(quietEnv as unknown as typeof env, 'ads', {
    id: jobId,
    orgId: owner.org.id,
    kind: PUBLISH_JOB_KIND,
    idempotencyKey: `publish:${campaign.id}:${jobId}`,
    input: { campaignId: campaign.id },
  });
  return { campaign, job };
}

async function deliver(job: { id: string; orgId: string }, attempts: number, platform: AdPlatform) {
  const batch = createMessageBatch<QueueMessage>('ads', [
    {
      id: `m${attempts}`,
      timestamp: new Date(),
      attempts,
      body: { jobId: job.id, orgId: job.orgId },
    },
  ]);
  const ctx = createExecutionContext();
  await consumeJobs(batch, env, {
    [PUBLISH_JOB_KIND]: (j, c) => publishCampaign(j, c, { platformFor: async () => platform }),
  });
  return getQueueResult(batch, ctx);
}

async function sandboxFor(campaign: Campaign) {
  return adPlatformFor(env, await adAccountFor(env, database(env.DB), campaign.orgId, 'sandbox'));
}

async function state(orgId: string, campaignId: string) {
  const db = database(env.DB);
  const org = orgScope(orgId);
  return {
    campaign: await requireCampaign(db, org, campaignId),
    ...(await campaignStructure(db, org, campaignId)),
  };
}

const alertsOf = (orgId: string) =>
  env.DB.prepare('select kind, severity, detail from alerts where org_id = ? order by id')
    .bind(orgId)
    .all<{ kind: string; severity: string; detail: string }>()
    .then((r) => r.results);

describe('the publishing job', { timeout: 30_000 }, () => {
  it('retries a transient failure with backoff and never creates an entity twice', async () => {
    const owner = await signUp();
    const { campaign, job } = await publishingCampaign(owner);
    // Attempt 1 creates the campaign and the first ad set, then the second ad set fails.
    const { platform, calls } = flakyPlatform(await sandboxFor(campaign), {
      createAdSet: [null, transient()],
      createAd: [transient()],
    });
    const first = await deliver(job, 1, platform);
    // Retried (the job protocol's backoff grows per attempt: 2 s, 4 s…), not acknowledged.
    expect(first.retryMessages.map((m) => m.msgId)).toEqual(['m1']);
    let now = await state(owner.org.id, campaign.id);
    expect(now.campaign.status).toBe('publishing');
    expect(now.campaign.externalId).toBeTruthy();
    expect(now.adSets.map((s) => Boolean(s.externalId))).toEqual([true, false]);
    const campaignExternalId = now.campaign.externalId;

    // Attempt 2 resumes: only the second ad set is created, then the first ad fails.
    const second = await deliver(job, 2, platform);
    expect(second.retryMessages.map((m) => m.msgId)).toEqual(['m2']);
    // Attempt 3 creates the ads and turns the campaign on.
    const third = await deliver(job, 3, platform);
    expect(third.explicitAcks).toEqual(['m3']);
    expect(calls).toEqual([
      'createCampaign',
      'createAdSet',
      'createAdSet!',
      'createAdSet',
      'createAd!',
      'createAd',
      'createAd',
      'updateStatus',
    ]);

    now = await state(owner.org.id, campaign.id);
    expect(now.campaign).toMatchObject({ status: 'active', externalId: campaignExternalId });
    expect(now.adSets.every((s) => s.status === 'active' && s.externalId && s.launchedAt)).toBe(
      true,
    );
    expect(now.ads.every((a) => a.status === 'active' && a.externalId)).toBe(true);
    const attempts = await call(`/api/v1/campaigns/${campaign.id}`, { token: owner.token });
    expect(attempts.json.publishAttempts.map((a: { outcome: string }) => a.outcome).sort()).toEqual(
      ['active', 'retrying', 'retrying'],
    );

    // A replayed message finds the job done and calls the platform no more.
    const replay = await deliver(job, 1, platform);
    expect(replay.explicitAcks).toEqual(['m1']);
    expect(calls).toHaveLength(8);
    expect((await state(owner.org.id, campaign.id)).campaign.externalId).toBe(campaignExternalId);
  });

  it('after three failed attempts the dead letter marks the campaign error and alerts', async () => {
    const owner = await signUp();
    const { campaign, job } = await publishingCampaign(owner);
    const down = flakyPlatform(await sandboxFor(campaign), {
      createCampaign: [transient(), transient(), transient()],
    });
    for (const attempt of [1, 2, 3]) {
      const result = await deliver(job, attempt, down.platform);
      expect(result.retryMessages).toHaveLength(1);
    }
    // The queue's max_retries for `ads` is 2: the third retry goes to `ads-dlq`.
    const dead = createMessageBatch<QueueMessage>('ads-dlq', [
      { id: 'd1', timestamp: new Date(), attempts: 1, body: { jobId: job.id, orgId: job.orgId } },
    ]);
    await consumeDeadLetters(dead, env);
    const now = await state(owner.org.id, campaign.id);
    expect(now.campaign.status).toBe('error');
    expect(now.campaign.error).toMatch(/kept failing after 3 attempts.*sandbox 503/);
    expect(now.adSets.map((s) => s.status)).toEqual(['error', 'error']);
    const alerts = await alertsOf(owner.org.id);
    expect(alerts.map((a) => a.kind).sort()).toEqual(['ads.publish_failed', 'job.dead_letter']);
    expect(alerts.find((a) => a.kind === 'ads.publish_failed')!.severity).toBe('critical');

    // A fixed draft publishes again; nothing was created on the platform the first time.
    const again = await call(`/api/v1/campaigns/${campaign.id}/publish`, {
      method: 'POST',
      token: owner.token,
    });
    expect(again.status).toBe(202);
  });

  it('a permanent refusal fails at once, naming the platform’s field', async () => {
    const owner = await signUp();
    const { campaign, job } = await publishingCampaign(owner);
    const refusing = flakyPlatform(await sandboxFor(campaign), {
      createAd: [
        new AdPlatformError('sandbox', 'invalid_request', 'Image too small.', {
          field: 'creative.imageUrl',
        }),
      ],
    });
    const result = await deliver(job, 1, refusing.platform);
    expect(result.retryMessages).toEqual([]);
    expect(result.explicitAcks).toEqual(['m1']);
    const now = await state(owner.org.id, campaign.id);
    expect(now.campaign).toMatchObject({
      status: 'error',
      error: 'sandbox invalid_request (creative.imageUrl): Image too small.',
    });
    // What was created stays recorded, so the next publish does not create it again.
    expect(now.campaign.externalId).toBeTruthy();
    expect(now.adSets.every((s) => s.externalId)).toBe(true);
    expect((await alertsOf(owner.org.id)).map((a) => a.kind)).toEqual(['ads.publish_failed']);
  });

  it('does nothing for another org’s message or a campaign that is not publishing', async () => {
    const owner = await signUp();
    const stranger = await signUp();
    const { campaign, job } = await publishingCampaign(owner);
    const watched = flakyPlatform(await sandboxFor(campaign), {});
    // A forged message naming the job under another org claims nothing.
    const forged = await deliver({ id: job.id, orgId: stranger.org.id }, 1, watched.platform);
    expect(forged.explicitAcks).toEqual(['m1']);
    expect(watched.calls).toEqual([]);
    expect((await state(owner.org.id, campaign.id)).campaign.status).toBe('publishing');

    await database(env.DB)
      .update(adCampaigns)
      .set({ status: 'paused' })
      .where(orgScope(owner.org.id).where(adCampaigns, eq(adCampaigns.id, campaign.id)));
    const stale = await deliver(job, 1, watched.platform);
    expect(stale.explicitAcks).toEqual(['m1']);
    expect(watched.calls).toEqual([]);
  });
});
