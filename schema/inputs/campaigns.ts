/**
 * @module Inputs for campaigns: creating one, replacing its draft, and the draft check a publish
 * runs on the room's snapshot (the same schema, so REST and live editing obey the same rules).
 */
import * as v from 'valibot';
import {
  AD_OBJECTIVES,
  AD_PLATFORMS,
  CALLS_TO_ACTION,
  CAMPAIGN_STATUSES,
} from '../../domain/ads/vocabulary.ts';
import { Name, PageQuery, Uuid } from './common.ts';

const HttpUrl = (label: string) =>
  v.pipe(
    v.string(`${label} is required.`),
    v.trim(),
    v.minLength(1, `${label} is required.`),
    v.maxLength(2000, `${label} is at most 2000 characters.`),
    v.url(`${label} must be an http(s) URL.`),
    v.check(
      (url) => URL.canParse(url) && ['https:', 'http:'].includes(new URL(url).protocol),
      `${label} must be an http(s) URL.`,
    ),
  );

const CopyText = (label: string, max: number) =>
  v.pipe(
    v.string(`${label} is required.`),
    v.trim(),
    v.minLength(1, `${label} is required.`),
    v.maxLength(max, `${label} is at most ${max} characters.`),
  );

const Age = (label: string) =>
  v.pipe(
    v.number(`${label} must be a number.`),
    v.integer(`${label} must be a whole number.`),
    v.minValue(13, `${label} is 13–65.`),
    v.maxValue(65, `${label} is 13–65.`),
  );

export const DraftAdInput = v.object({
  id: v.optional(Uuid),
  name: Name('name', 120),
  headline: CopyText('headline', 40),
  body: CopyText('body', 2000),
  callToAction: v.picklist(
    CALLS_TO_ACTION,
    `callToAction must be one of: ${CALLS_TO_ACTION.join(', ')}.`,
  ),
  imageUrl: HttpUrl('imageUrl'),
  landingUrl: HttpUrl('landingUrl'),
  creativeRefs: v.optional(
    v.object({
      headline: v.optional(v.nullable(Uuid)),
      body: v.optional(v.nullable(Uuid)),
      cta: v.optional(v.nullable(Uuid)),
      image: v.optional(v.nullable(Uuid)),
    }),
    {},
  ),
});

export const DraftAdSetInput = v.pipe(
  v.object({
    id: v.optional(Uuid),
    name: Name('name', 120),
    dailyBudgetMinor: v.pipe(
      v.number('dailyBudgetMinor must be a number (minor units).'),
      v.integer('dailyBudgetMinor must be a whole number of minor units.'),
      v.minValue(100, 'dailyBudgetMinor is at least 100 (1.00 in the currency).'),
      v.maxValue(100_000_000, 'dailyBudgetMinor is too large.'),
    ),
    countries: v.pipe(
      v.array(
        v.pipe(
          v.string(),
          v.trim(),
          v.toUpperCase(),
          v.length(2, 'Each country is a two-letter ISO code (BR).'),
          v.regex(/^[A-Z]*$/, 'Each country is a two-letter ISO code (BR).'),
        ),
        'countries must be a list.',
      ),
      v.minLength(1, 'Choose at least one country.'),
      v.maxLength(50, 'At most 50 countries.'),
    ),
    ageMin: Age('ageMin'),
    ageMax: Age('ageMax'),
    placements: v.optional(
      v.pipe(v.array(v.string(), 'placements must be a list.'), v.maxLength(10)),
      [],
    ),
    ads: v.pipe(
      v.array(DraftAdInput, 'ads must be a list.'),
      v.minLength(1, 'An ad set needs at least one ad.'),
      v.maxLength(50, 'At most 50 ads per ad set.'),
    ),
  }),
  v.forward(
    v.check((s) => s.ageMin <= s.ageMax, 'ageMax must be at least ageMin.'),
    ['ageMax'],
  ),
);

const draftFields = {
  name: Name('name', 120),
  objective: v.optional(
    v.picklist(AD_OBJECTIVES, `objective must be one of: ${AD_OBJECTIVES.join(', ')}.`),
    'SALES',
  ),
  productId: v.optional(v.nullable(Uuid), null),
  adSets: v.pipe(
    v.array(DraftAdSetInput, 'adSets must be a list.'),
    v.maxLength(20, 'At most 20 ad sets.'),
  ),
};

/** A whole draft, as a REST client replaces it (ids left out are assigned). */
export const CampaignDraftInput = v.object(draftFields);
export type CampaignDraftInput = v.InferOutput<typeof CampaignDraftInput>;

/** What a publish requires of the room's snapshot: at least one ad set (each with an ad). */
export const PublishableDraft = v.object({
  ...draftFields,
  platform: v.picklist(AD_PLATFORMS),
  currency: v.string(),
  adSets: v.pipe(draftFields.adSets, v.minLength(1, 'A campaign needs at least one ad set.')),
});

export const CampaignInput = v.object({
  name: Name('name', 120),
  platform: v.optional(
    v.picklist(AD_PLATFORMS, `platform must be one of: ${AD_PLATFORMS.join(', ')}.`),
    'sandbox',
  ),
  objective: draftFields.objective,
  productId: draftFields.productId,
  adSets: v.optional(draftFields.adSets, []),
});

export const CampaignListQuery = v.object({
  ...PageQuery.entries,
  status: v.optional(v.picklist(CAMPAIGN_STATUSES, 'Unknown status.')),
});
