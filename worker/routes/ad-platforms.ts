/**
 * @module The org's ad platform connections: which platforms campaigns can run on (the sandbox
 * always), and connecting or disconnecting Meta and TikTok ad accounts. Tokens are stored sealed
 * and never returned, only whether one is set and its last four characters.
 */
import { AdPlatformParams, ConnectAdPlatformInput } from '../../schema/inputs/ads-platforms.ts';
import { Routes } from '../router.ts';
import {
  adPlatformStatuses,
  connectAdPlatformStatements,
  disconnectAdPlatformStatement,
  orgMoneyAndTime,
} from '../services/ad-accounts.ts';
import { auditEntry } from '../services/audit.ts';

export const adPlatformRoutes = new Routes('Ad platforms')
  .get(
    '/ads/platforms',
    {
      summary: 'Ad platforms the org can publish on, with the connected accounts (never the token)',
      auth: 'org:read',
      responses: { 200: 'Every platform: sandbox (always connected), meta, tiktok.' },
    },
    async ({ c, db, org }) => c.json({ items: await adPlatformStatuses(db, org.orgId) }),
  )
  .put(
    '/ads/platforms/:platform',
    {
      summary: 'Connect (or reconnect) a Meta or TikTok ad account',
      description:
        '`accountId`: the Meta ad account id (with or without `act_`) or the TikTok advertiser id. ' +
        '`publisherId`: the Facebook Page (Meta) or custom identity (TikTok) ads are published as. ' +
        '`currency` and `timeZone` are the ad account’s own and default to the org’s. The token is ' +
        'stored encrypted and never returned.',
      auth: 'ads_platforms:manage',
      params: AdPlatformParams,
      body: ConnectAdPlatformInput,
      responses: { 200: 'The platforms after the change.' },
    },
    async ({ c, env, db, org, who, params, body }) => {
      const orgDefaults = await orgMoneyAndTime(db, org.orgId);
      const connection = {
        accountId: body.accountId,
        accessToken: body.accessToken,
        publisherId: body.publisherId,
        pixelId: body.pixelId,
        currency: body.currency ?? orgDefaults.currency,
        timeZone: body.timeZone ?? orgDefaults.timeZone,
      };
      await db.batch([
        ...(await connectAdPlatformStatements(env, db, org.orgId, params.platform, connection)),
        auditEntry(db, c, who, {
          orgId: org.orgId,
          action: 'ads.platform.connected',
          targetType: 'ad_platform',
          targetId: params.platform,
          // Everything but the token.
          data: {
            accountId: connection.accountId,
            publisherId: connection.publisherId,
            pixelId: connection.pixelId,
            currency: connection.currency,
            timeZone: connection.timeZone,
          },
        }),
      ]);
      return c.json({ items: await adPlatformStatuses(db, org.orgId) });
    },
  )
  .delete(
    '/ads/platforms/:platform',
    {
      summary: 'Disconnect a Meta or TikTok ad account (its token is deleted)',
      auth: 'ads_platforms:manage',
      params: AdPlatformParams,
      responses: { 200: 'The platforms after the change.' },
    },
    async ({ c, db, org, who, params }) => {
      await db.batch([
        disconnectAdPlatformStatement(db, org.orgId, params.platform),
        auditEntry(
          db,
          c,
          who,
          {
            orgId: org.orgId,
            action: 'ads.platform.disconnected',
            targetType: 'ad_platform',
            targetId: params.platform,
          },
          { onlyIfChanged: true },
        ),
      ]);
      return c.json({ items: await adPlatformStatuses(db, org.orgId) });
    },
  );
