/**
 * @module Campaigns: campaign → ad sets → ads. A campaign's draft lives in its CampaignRoom (live,
 * co-edited); REST clients read and replace it here. Publishing checks the room's snapshot, writes
 * it to D1 and queues the publishing job; D1 holds what was published and its external ids.
 */

import { desc, eq, lt } from 'drizzle-orm';
import { newId } from '../../domain/ids.ts';
import { auditEntry } from '../../platform/audit.ts';
import { isUniqueViolation } from '../../platform/db.ts';
import { enqueueJob } from '../../platform/jobs.ts';
import { actorId } from '../../platform/principal.ts';
import { conflict, invalid } from '../../platform/problem.ts';
import { adCampaigns, adPublishAttempts, adSets, ads } from '../../schema/ads.ts';
import {
  CampaignDraftInput,
  CampaignInput,
  CampaignListQuery,
} from '../../schema/inputs/campaigns.ts';
import { IdParams } from '../../schema/inputs/common.ts';
import { orgs } from '../../schema/orgs.ts';
import {
  Campaign,
  CampaignCreated,
  CampaignDraft,
  CampaignPublishing,
  Campaigns,
} from '../../schema/outputs/ads.ts';
import { PUBLISH_JOB_KIND } from '../../services/ads/campaign-publish.ts';
import {
  campaignRoom,
  campaignStructure,
  campaignView,
  checkDraft,
  draftFromD1,
  draftFromInput,
  publishStatements,
  requireCampaign,
} from '../../services/ads/campaigns.ts';
import { findProduct } from '../../services/ads/products.ts';
import { Routes } from '../router.ts';

export const campaignRoutes = new Routes('Campaigns')
  .get(
    '/campaigns',
    {
      summary: 'Campaigns, newest first; filter by status',
      auth: 'ads:read',
      query: CampaignListQuery,
      responses: { 200: { description: 'A page of campaigns.', schema: Campaigns } },
    },
    async ({ c, db, org, query }) => {
      const rows = await db
        .select()
        .from(adCampaigns)
        .where(
          org.where(
            adCampaigns,
            query.cursor ? lt(adCampaigns.id, query.cursor) : undefined,
            query.status ? eq(adCampaigns.status, query.status) : undefined,
          ),
        )
        .orderBy(desc(adCampaigns.id))
        .limit(query.limit + 1);
      const items = rows.slice(0, query.limit).map((r) => campaignView(r));
      return c.json({ items, nextCursor: rows.length > query.limit ? items.at(-1)!.id : null });
    },
  )
  .post(
    '/campaigns',
    {
      summary: 'Start a campaign draft (optionally with its ad sets and ads)',
      description:
        'The draft opens in the campaign’s live room (`POST /rooms/tickets` with room ' +
        '`campaign-room` and the campaign id). It spends the org’s currency.',
      auth: 'ads:write',
      body: CampaignInput,
      responses: {
        201: { description: 'The campaign and its draft.', schema: CampaignCreated },
        404: 'No such product.',
      },
    },
    async ({ c, env, db, org, who, body }) => {
      if (body.productId && !(await findProduct(db, org.orgId, body.productId)))
        throw invalid([{ path: 'productId', message: 'No such product in this organization.' }]);
      const { currency } = (await db
        .select({ currency: orgs.currency })
        .from(orgs)
        .where(eq(orgs.id, org.orgId))
        .get())!;
      const id = newId();
      const [inserted] = await db.batch([
        db
          .insert(adCampaigns)
          .values({
            id,
            orgId: org.orgId,
            name: body.name,
            productId: body.productId,
            platform: body.platform,
            objective: body.objective,
            currency,
            createdBy: actorId(who),
            updatedAt: new Date(),
          })
          .returning(),
        auditEntry(db, c, who, {
          orgId: org.orgId,
          action: 'campaign.created',
          targetType: 'campaign',
          targetId: id,
          data: { name: body.name, platform: body.platform },
        }),
      ]);
      const campaign = inserted[0]!;
      const room = await campaignRoom(env, id);
      const draft = await room.ensureDraft(org.orgId, draftFromInput(body, campaign));
      return c.json({ ...campaignView(campaign), draft }, 201);
    },
  )
  .get(
    '/campaigns/:id',
    {
      summary: 'A campaign as published: its ad sets and ads, external ids and statuses',
      auth: 'ads:read',
      params: IdParams,
      responses: {
        200: { description: 'The campaign.', schema: Campaign },
        404: 'No such campaign.',
      },
    },
    async ({ c, db, org, params }) => {
      const campaign = await requireCampaign(db, org, params.id);
      const [structure, attempts] = await Promise.all([
        campaignStructure(db, org, campaign.id),
        db
          .select()
          .from(adPublishAttempts)
          .where(org.where(adPublishAttempts, eq(adPublishAttempts.campaignId, campaign.id)))
          .orderBy(desc(adPublishAttempts.id))
          .limit(20),
      ]);
      return c.json(campaignView(campaign, structure, attempts));
    },
  )
  .delete(
    '/campaigns/:id',
    {
      summary: 'Delete a campaign that was never published',
      auth: 'ads:write',
      params: IdParams,
      responses: { 204: 'Deleted.', 404: 'No such campaign.', 409: 'It was published.' },
    },
    async ({ c, env, db, org, who, params }) => {
      const campaign = await requireCampaign(db, org, params.id);
      if (campaign.externalId || campaign.status === 'publishing')
        throw conflict('A published campaign cannot be deleted; pause it instead.');
      await db.batch([
        db.delete(ads).where(org.where(ads, eq(ads.campaignId, campaign.id))),
        db.delete(adSets).where(org.where(adSets, eq(adSets.campaignId, campaign.id))),
        db.delete(adCampaigns).where(org.where(adCampaigns, eq(adCampaigns.id, campaign.id))),
        auditEntry(db, c, who, {
          orgId: org.orgId,
          action: 'campaign.deleted',
          targetType: 'campaign',
          targetId: campaign.id,
        }),
      ]);
      await (await campaignRoom(env, campaign.id)).destroy(org.orgId);
      return c.body(null, 204);
    },
  )
  .get(
    '/campaigns/:id/draft',
    {
      summary: 'The campaign’s draft as it stands in its live room',
      auth: 'ads:read',
      params: IdParams,
      responses: {
        200: { description: 'The draft.', schema: CampaignDraft },
        404: 'No such campaign.',
      },
    },
    async ({ c, env, db, org, params }) => {
      const campaign = await requireCampaign(db, org, params.id);
      const room = await campaignRoom(env, campaign.id);
      return c.json(await room.ensureDraft(org.orgId, await draftFromD1(db, org, campaign)));
    },
  )
  .put(
    '/campaigns/:id/draft',
    {
      summary: 'Replace the draft (people in its room see the change at once)',
      description: 'Ad sets and ads without an `id` get one.',
      auth: 'ads:write',
      params: IdParams,
      body: CampaignDraftInput,
      responses: {
        200: { description: 'The draft.', schema: CampaignDraft },
        404: 'No such campaign.',
        409: 'Being published.',
      },
    },
    async ({ c, env, db, org, who, params, body }) => {
      const campaign = await requireCampaign(db, org, params.id);
      if (campaign.status === 'publishing')
        throw conflict('The campaign is being published; change the draft when it is done.');
      if (body.productId && !(await findProduct(db, org.orgId, body.productId)))
        throw invalid([{ path: 'productId', message: 'No such product in this organization.' }]);
      const room = await campaignRoom(env, campaign.id);
      const draft = await room.replaceDraft(org.orgId, draftFromInput(body, campaign));
      await auditEntry(db, c, who, {
        orgId: org.orgId,
        action: 'campaign.draft_replaced',
        targetType: 'campaign',
        targetId: campaign.id,
        data: { adSets: body.adSets.length },
      });
      return c.json(draft);
    },
  )
  .post(
    '/campaigns/:id/publish',
    {
      summary: 'Publish the draft: check it, save it, and create it on the platform (background)',
      description:
        'Checks the room’s current draft (422 naming each bad field, e.g. ' +
        '`adSets.0.ads.1.landingUrl`; nothing written), writes it to the campaign, sets it ' +
        '`publishing` and queues the job. Landing URLs get UTM parameters (`utm_campaign` is ' +
        'the campaign id). Entities already on the platform are not created again.',
      auth: 'ads:write',
      params: IdParams,
      responses: {
        202: {
          description: 'Publishing; follow `publishJobId` or the campaign’s status.',
          schema: CampaignPublishing,
        },
        404: 'No such campaign.',
        409: 'Already publishing.',
        422: 'The draft is not publishable.',
      },
    },
    async ({ c, env, db, org, who, params }) => {
      const campaign = await requireCampaign(db, org, params.id);
      if (campaign.status === 'publishing')
        throw conflict('The campaign is already being published.');
      const room = await campaignRoom(env, campaign.id);
      const raw = await room.ensureDraft(org.orgId, await draftFromD1(db, org, campaign));
      const checked = checkDraft(raw, campaign);
      if (!checked.draft) throw invalid(checked.errors);
      const draft = checked.draft;
      if (draft.productId && !(await findProduct(db, org.orgId, draft.productId)))
        throw invalid([{ path: 'productId', message: 'No such product in this organization.' }]);

      const existing = await campaignStructure(db, org, campaign.id);
      const jobKey = `publish:${campaign.id}:${newId()}`;
      const jobId = newId();
      const statements = publishStatements(
        db,
        org,
        campaign,
        draft,
        {
          adSetIds: new Set(existing.adSets.map((s) => s.id)),
          adIds: new Set(existing.ads.map((a) => a.id)),
        },
        jobId,
      );
      // Claim the publish first: of two concurrent publishes, one finds the status taken.
      const claimed = await db
        .update(adCampaigns)
        .set({ status: 'publishing', publishJobId: jobId, updatedAt: new Date() })
        .where(
          org.where(
            adCampaigns,
            eq(adCampaigns.id, campaign.id),
            eq(adCampaigns.status, campaign.status),
          ),
        )
        .returning({ id: adCampaigns.id });
      if (claimed.length === 0) throw conflict('The campaign is already being published.');
      try {
        await db.batch([
          auditEntry(db, c, who, {
            orgId: org.orgId,
            action: 'campaign.publish_requested',
            targetType: 'campaign',
            targetId: campaign.id,
            data: {
              adSets: draft.adSets.length,
              ads: draft.adSets.reduce((n, s) => n + s.ads.length, 0),
              jobId,
            },
          }),
          ...statements,
        ]);
      } catch (err) {
        await db
          .update(adCampaigns)
          .set({ status: campaign.status, publishJobId: campaign.publishJobId })
          .where(org.where(adCampaigns, eq(adCampaigns.id, campaign.id)));
        if (isUniqueViolation(err))
          throw invalid([
            { path: 'adSets', message: 'An ad set or ad id is already used elsewhere.' },
          ]);
        throw err;
      }
      const job = await enqueueJob(env, 'ads', {
        orgId: org.orgId,
        id: jobId,
        kind: PUBLISH_JOB_KIND,
        idempotencyKey: jobKey,
        input: { campaignId: campaign.id },
        createdBy: actorId(who),
      });
      return c.json(
        { ...campaignView(await requireCampaign(db, org, campaign.id)), jobId: job.id },
        202,
      );
    },
  );
