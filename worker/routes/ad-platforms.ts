/**
 * @module The org's ad platform connections: which platforms campaigns can run on (the sandbox
 * always), and connecting or disconnecting Meta and TikTok ad accounts. Tokens are stored sealed
 * and never returned, only whether one is set and its last four characters.
 */

import { CONNECTABLE_AD_PLATFORMS } from '../../domain/ads/vocabulary.ts';
import { auditEntry } from '../../platform/audit.ts';
import { UpdateAdPlatformsInput } from '../../schema/inputs/ads-platforms.ts';
import { AdPlatforms } from '../../schema/outputs/ads.ts';
import {
  adPlatformStatuses,
  connectAdPlatformStatements,
  disconnectAdPlatformStatement,
  verifyAdPlatformConnection,
} from '../../services/ads/accounts.ts';
import { Routes } from '../router.ts';

export const adPlatformRoutes = new Routes('Ad platforms')
  .get(
    '/ads/platforms',
    {
      summary: 'Ad platforms the org can publish on, with the connected accounts (never the token)',
      auth: 'org:read',
      responses: {
        200: {
          description: 'Every platform: sandbox (always connected), meta, tiktok.',
          schema: AdPlatforms,
        },
      },
    },
    async ({ c, db, org }) => c.json({ items: await adPlatformStatuses(db, org.orgId) }),
  )
  .patch(
    '/ads/platforms',
    {
      summary: 'Connect (or reconnect) Meta or TikTok ad accounts, or disconnect them with null',
      description:
        '`accountId`: the Meta ad account id (with or without `act_`) or the TikTok advertiser id. ' +
        '`publisherId`: the Facebook Page (Meta) or custom identity (TikTok) ads are published as. ' +
        'The account is read with the token first (a refused token or unknown account is a 422 ' +
        'naming the field); its currency and time zone come from the platform. Tokens are ' +
        'stored encrypted and never returned.',
      auth: 'ads_platforms:manage',
      body: UpdateAdPlatformsInput,
      responses: { 200: { description: 'The platforms after the change.', schema: AdPlatforms } },
    },
    async ({ c, env, db, org, who, body }) => {
      const statements = [];
      const audited: Record<string, unknown> = {};
      for (const platform of CONNECTABLE_AD_PLATFORMS) {
        const change = body[platform];
        if (change === undefined) continue;
        if (change === null) {
          statements.push(disconnectAdPlatformStatement(db, org.orgId, platform));
          audited[platform] = 'disconnected';
          continue;
        }
        const connection = await verifyAdPlatformConnection(env, org.orgId, platform, change);
        statements.push(
          ...(await connectAdPlatformStatements(env, db, org.orgId, platform, connection)),
        );
        // Everything but the token.
        const { accessToken: _, ...shown } = connection;
        audited[platform] = shown;
      }
      await db.batch([
        auditEntry(db, c, who, {
          orgId: org.orgId,
          action: 'ads.platforms.updated',
          targetType: 'ad_platforms',
          targetId: org.orgId,
          data: audited,
        }),
        ...statements,
      ]);
      return c.json({ items: await adPlatformStatuses(db, org.orgId) });
    },
  );
