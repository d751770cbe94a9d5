/** @module Inputs for connecting an org to an ad platform (Meta, TikTok). */
import * as v from 'valibot';
import { CONNECTABLE_AD_PLATFORMS } from '../../domain/ads/vocabulary.ts';
import { JsonObject } from './common.ts';

const Digits = (label: string) =>
  v.pipe(
    v.string(`${label} must be text.`),
    v.trim(),
    v.regex(/^\d{1,30}$/, `${label} is the platform's numeric id (digits only).`),
  );

const AdPlatformConnection = v.object({
  /** Meta: the ad account id without `act_`; TikTok: the advertiser id. */
  accountId: v.pipe(
    v.string('accountId must be text.'),
    v.trim(),
    // People paste Meta ids with their prefix; the digits are the id.
    v.transform((id) => id.replace(/^act_/, '')),
    v.regex(/^\d{1,30}$/, "accountId is the platform's numeric id (digits only)."),
  ),
  accessToken: v.pipe(
    v.string('accessToken must be text.'),
    v.trim(),
    v.minLength(20, 'accessToken looks too short for a platform token.'),
    v.maxLength(2000, 'accessToken must be at most 2000 characters.'),
  ),
  /** Meta: the Facebook Page id; TikTok: the custom identity id. */
  publisherId: Digits('publisherId'),
  pixelId: v.optional(v.nullable(Digits('pixelId')), null),
});

/** Per platform: a connection to store (replacing any), or null to disconnect it. */
export const UpdateAdPlatformsInput = v.pipe(
  v.strictObject(
    Object.fromEntries(
      CONNECTABLE_AD_PLATFORMS.map((p) => [
        p,
        v.optional(v.nullable(JsonObject(AdPlatformConnection, p))),
      ]),
    ) as Record<
      (typeof CONNECTABLE_AD_PLATFORMS)[number],
      v.OptionalSchema<
        v.NullableSchema<ReturnType<typeof JsonObject<typeof AdPlatformConnection>>, undefined>,
        undefined
      >
    >,
    `Only these platforms connect: ${CONNECTABLE_AD_PLATFORMS.join(', ')}.`,
  ),
  v.check(
    (changes) => Object.values(changes).some((c) => c !== undefined),
    'Name at least one platform to connect or disconnect.',
  ),
);
export type UpdateAdPlatformsInput = v.InferOutput<typeof UpdateAdPlatformsInput>;
