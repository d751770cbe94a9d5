/**
 * @module An org's connections to ad platforms (Meta, TikTok): which ad account, the access token
 * sealed with AES-GCM (worker/services/secret-box.ts, context `<org>/ads/<platform>`), who the ads
 * are published as, and the account's currency and time zone. The sandbox platform needs no row.
 */
import { primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { CONNECTABLE_AD_PLATFORMS } from '../domain/ads/vocabulary.ts';
import { orgId, timestamp } from './columns.ts';

export const adPlatformAccounts = sqliteTable(
  'ad_platform_accounts',
  {
    orgId: orgId(),
    platform: text('platform', { enum: CONNECTABLE_AD_PLATFORMS }).notNull(),
    /** Meta: the ad account's digits (no `act_`); TikTok: the advertiser id. */
    accountId: text('account_id').notNull(),
    encryptedAccessToken: text('encrypted_access_token').notNull(),
    tokenLast4: text('token_last4').notNull(),
    /** Meta: the Facebook Page; TikTok: the custom identity the ads are published as. */
    publisherId: text('publisher_id').notNull(),
    /** The platform's pixel purchases are tracked with; without one, delivery optimizes for clicks. */
    pixelId: text('pixel_id'),
    currency: text('currency').notNull(),
    timeZone: text('time_zone').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.platform] })],
);
