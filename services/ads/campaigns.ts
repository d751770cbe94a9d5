/**
 * @module Campaigns between their room and D1: the room of a campaign (seeded from D1 once), the
 * publish check of the room's snapshot (every bad field named by its path), the D1 write of a
 * checked snapshot, landing URLs with UTM parameters, and how the API shows a campaign.
 *
 * What a publish writes: the campaign's name and objective, and every ad set and ad not yet on the
 * platform (inserted, or rewritten while still unpublished). Entities already on the platform keep
 * their published values here: changing a live budget or pausing is an action on the platform
 * (the autopilot's executor, or a person through it), not a republish.
 */
import { asc, eq, inArray, isNull } from 'drizzle-orm';
import * as v from 'valibot';
import type { CampaignDraft, DraftAd, DraftAdSet } from '../../domain/ads/campaign-doc.ts';
import { landingUrlWithUtm, withoutUtm } from '../../domain/ads/landing-url.ts';
import { AD_PLACEMENTS } from '../../domain/ads/vocabulary.ts';
import { newId } from '../../domain/ids.ts';
import type { Db, OrgScope } from '../../platform/db.ts';
import type { Env } from '../../platform/env.ts';
import { type FieldError, notFound } from '../../platform/problem.ts';
import { adCampaigns, type adPublishAttempts, adSets, ads } from '../../schema/ads.ts';
import { type CampaignDraftInput, PublishableDraft } from '../../schema/inputs/campaigns.ts';
import { fieldIssueOf } from '../../schema/inputs/issues.ts';

export type Campaign = typeof adCampaigns.$inferSelect;
export type AdSetRow = typeof adSets.$inferSelect;
export type AdRow = typeof ads.$inferSelect;

/** The campaign's room, initialized (loaded from its storage) and ready for RPC. */
export async function campaignRoom(env: Env, campaignId: string) {
  // Loaded on first use: partyserver imports `cloudflare:workers`, which only workerd has, and
  // route modules must stay importable in Node for the OpenAPI check.
  const { getServerByName } = await import('partyserver');
  return getServerByName(env.CAMPAIGN_ROOM, campaignId);
}

export async function requireCampaign(db: Db, org: OrgScope, id: string): Promise<Campaign> {
  const campaign = await db
    .select()
    .from(adCampaigns)
    .where(org.where(adCampaigns, eq(adCampaigns.id, id)))
    .get();
  if (!campaign) throw notFound('Campaign');
  return campaign;
}

export async function campaignStructure(db: Db, org: OrgScope, campaignId: string) {
  const [sets, adRows] = await Promise.all([
    db
      .select()
      .from(adSets)
      .where(org.where(adSets, eq(adSets.campaignId, campaignId)))
      .orderBy(asc(adSets.position)),
    db
      .select()
      .from(ads)
      .where(org.where(ads, eq(ads.campaignId, campaignId)))
      .orderBy(asc(ads.position)),
  ]);
  return { adSets: sets, ads: adRows };
}

/** The draft D1 holds for a campaign: what a fresh room starts from. */
export async function draftFromD1(
  db: Db,
  org: OrgScope,
  campaign: Campaign,
): Promise<CampaignDraft> {
  const structure = await campaignStructure(db, org, campaign.id);
  return {
    name: campaign.name,
    objective: campaign.objective,
    platform: campaign.platform,
    currency: campaign.currency,
    productId: campaign.productId,
    adSets: structure.adSets.map((s) => ({
      id: s.id,
      name: s.name,
      dailyBudgetMinor: s.dailyBudgetMinor,
      countries: s.countries,
      ageMin: s.ageMin,
      ageMax: s.ageMax,
      placements: s.placements,
      ads: structure.ads
        .filter((a) => a.adSetId === s.id)
        .map((a) => ({
          id: a.id,
          name: a.name,
          headline: a.headline,
          body: a.body,
          callToAction: a.callToAction,
          imageUrl: a.imageUrl,
          landingUrl: withoutUtm(a.landingUrl),
          creativeRefs: a.creativeRefs,
        })),
    })),
  };
}

/** A REST client's draft as the room stores it: missing ids assigned. */
export function draftFromInput(
  input: CampaignDraftInput,
  campaign: Pick<Campaign, 'platform' | 'currency'>,
): CampaignDraft {
  return {
    name: input.name,
    objective: input.objective,
    platform: campaign.platform,
    currency: campaign.currency,
    productId: input.productId,
    adSets: input.adSets.map(
      (s): DraftAdSet => ({
        ...s,
        id: s.id ?? newId(),
        ads: s.ads.map((a): DraftAd => ({ ...a, id: a.id ?? newId() })),
      }),
    ),
  };
}

export type CheckedDraft = v.InferOutput<typeof PublishableDraft>;

/**
 * The publish check: the schema, then what the schema cannot see — the platform and currency the
 * server set, placements the platform offers, ids present and unique. Returns the field errors,
 * each with the path into the draft (`adSets.0.ads.1.landingUrl`).
 */
export function checkDraft(
  raw: unknown,
  campaign: Pick<Campaign, 'platform' | 'currency'>,
): { draft: CheckedDraft; errors: [] } | { draft: null; errors: FieldError[] } {
  const parsed = v.safeParse(PublishableDraft, raw);
  if (!parsed.success)
    return {
      draft: null,
      errors: parsed.issues.map((issue) => fieldIssueOf(issue)),
    };
  const draft = parsed.output;
  const errors: FieldError[] = [];
  if (draft.platform !== campaign.platform)
    errors.push({
      path: 'platform',
      message: `The campaign runs on ${campaign.platform}.`,
      code: 'platform_fixed',
      params: { platform: campaign.platform },
    });
  if (draft.currency !== campaign.currency)
    errors.push({
      path: 'currency',
      message: `The campaign spends ${campaign.currency}.`,
      code: 'currency_fixed',
      params: { currency: campaign.currency },
    });
  const known: readonly string[] = AD_PLACEMENTS[campaign.platform];
  const seen = new Set<string>();
  const checkId = (id: string | undefined, path: string) => {
    if (!id) errors.push({ path, message: 'Every ad set and ad needs an id.', code: 'id_missing' });
    else if (seen.has(id))
      errors.push({ path, message: 'This id appears twice.', code: 'id_repeated' });
    else seen.add(id);
  };
  draft.adSets.forEach((set, i) => {
    checkId(set.id, `adSets.${i}.id`);
    set.placements.forEach((p, j) => {
      if (!known.includes(p))
        errors.push({
          path: `adSets.${i}.placements.${j}`,
          message: `Unknown placement ${p}; ${campaign.platform} offers: ${known.join(', ')}.`,
          code: 'placement_unknown',
          params: { placement: p, platform: campaign.platform },
        });
    });
    set.ads.forEach((ad, j) => {
      checkId(ad.id, `adSets.${i}.ads.${j}.id`);
      if (campaign.platform !== 'sandbox')
        for (const field of ['imageUrl', 'landingUrl'] as const)
          if (!ad[field].startsWith('https://'))
            errors.push({
              path: `adSets.${i}.ads.${j}.${field}`,
              message: `${campaign.platform} needs a public https:// URL.`,
              code: 'https_required',
              params: { platform: campaign.platform },
            });
    });
  });
  return errors.length > 0 ? { draft: null, errors } : { draft, errors: [] };
}

/**
 * The statements that write a checked snapshot to D1 and mark the campaign publishing (for one
 * batch with its audit entry). Existing rows of this campaign are updated only while unpublished;
 * new ids are inserted, so an id that belongs to any other row fails the whole batch.
 */
export function publishStatements(
  db: Db,
  org: OrgScope,
  campaign: Campaign,
  draft: CheckedDraft,
  existing: { adSetIds: Set<string>; adIds: Set<string> },
  jobId: string,
) {
  const now = new Date();
  const statements = [];
  statements.push(
    db
      .update(adCampaigns)
      .set({
        name: draft.name,
        objective: draft.objective,
        productId: draft.productId,
        status: 'publishing',
        publishJobId: jobId,
        error: null,
        updatedAt: now,
      })
      .where(org.where(adCampaigns, eq(adCampaigns.id, campaign.id))),
  );
  const draftAdSetIds: string[] = [];
  const draftAdIds: string[] = [];
  draft.adSets.forEach((set, i) => {
    const id = set.id!;
    draftAdSetIds.push(id);
    const fields = {
      name: set.name,
      dailyBudgetMinor: set.dailyBudgetMinor,
      initialBudgetMinor: set.dailyBudgetMinor,
      countries: set.countries,
      ageMin: set.ageMin,
      ageMax: set.ageMax,
      placements: set.placements,
      position: i,
      status: 'publishing' as const,
      updatedAt: now,
    };
    statements.push(
      existing.adSetIds.has(id)
        ? db
            .update(adSets)
            .set(fields)
            .where(org.where(adSets, eq(adSets.id, id), isNull(adSets.externalId)))
        : db.insert(adSets).values({ id, orgId: org.orgId, campaignId: campaign.id, ...fields }),
    );
    set.ads.forEach((ad, j) => {
      const adId = ad.id!;
      draftAdIds.push(adId);
      const adFields = {
        adSetId: id,
        name: ad.name,
        creativeRefs: ad.creativeRefs,
        headline: ad.headline,
        body: ad.body,
        callToAction: ad.callToAction,
        imageUrl: ad.imageUrl,
        landingUrl: landingUrlWithUtm(ad.landingUrl, {
          platform: campaign.platform,
          campaignId: campaign.id,
          adId,
        }),
        utmCampaign: campaign.id,
        position: j,
        status: 'publishing' as const,
        updatedAt: now,
      };
      statements.push(
        existing.adIds.has(adId)
          ? db
              .update(ads)
              .set(adFields)
              .where(org.where(ads, eq(ads.id, adId), isNull(ads.externalId)))
          : db
              .insert(ads)
              .values({ id: adId, orgId: org.orgId, campaignId: campaign.id, ...adFields }),
      );
    });
  });
  // Unpublished entities taken out of the draft go; live ones stay until paused on the platform.
  const droppedSets = [...existing.adSetIds].filter((id) => !draftAdSetIds.includes(id));
  const droppedAds = [...existing.adIds].filter((id) => !draftAdIds.includes(id));
  if (droppedSets.length > 0)
    statements.push(
      db
        .delete(adSets)
        .where(org.where(adSets, inArray(adSets.id, droppedSets), isNull(adSets.externalId))),
    );
  if (droppedAds.length > 0)
    statements.push(
      db.delete(ads).where(org.where(ads, inArray(ads.id, droppedAds), isNull(ads.externalId))),
    );
  return statements;
}

export function campaignView(
  campaign: Campaign,
  structure?: { adSets: AdSetRow[]; ads: AdRow[] },
  attempts?: (typeof adPublishAttempts.$inferSelect)[],
) {
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return {
    id: campaign.id,
    name: campaign.name,
    productId: campaign.productId,
    platform: campaign.platform,
    objective: campaign.objective,
    status: campaign.status,
    externalId: campaign.externalId,
    currency: campaign.currency,
    publishJobId: campaign.publishJobId,
    error: campaign.error,
    createdBy: campaign.createdBy,
    publishedAt: iso(campaign.publishedAt),
    createdAt: campaign.createdAt.toISOString(),
    updatedAt: iso(campaign.updatedAt),
    ...(structure
      ? {
          adSets: structure.adSets.map((s) => ({
            id: s.id,
            name: s.name,
            status: s.status,
            pausedFor: s.pausedFor,
            externalId: s.externalId,
            dailyBudgetMinor: s.dailyBudgetMinor,
            initialBudgetMinor: s.initialBudgetMinor,
            countries: s.countries,
            ageMin: s.ageMin,
            ageMax: s.ageMax,
            placements: s.placements,
            launchedAt: iso(s.launchedAt),
            ads: structure.ads
              .filter((a) => a.adSetId === s.id)
              .map((a) => ({
                id: a.id,
                name: a.name,
                status: a.status,
                pausedFor: a.pausedFor,
                externalId: a.externalId,
                headline: a.headline,
                body: a.body,
                callToAction: a.callToAction,
                imageUrl: a.imageUrl,
                landingUrl: a.landingUrl,
                creativeRefs: a.creativeRefs,
                launchedAt: iso(a.launchedAt),
              })),
          })),
        }
      : {}),
    ...(attempts
      ? {
          publishAttempts: attempts.map((a) => ({
            jobId: a.jobId,
            attempt: a.attempt,
            outcome: a.outcome,
            created: a.created,
            error: a.error,
            at: a.createdAt.toISOString(),
          })),
        }
      : {}),
  };
}
