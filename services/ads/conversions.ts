/**
 * @module Conversions reported by an org's store: the org's webhook secret (sealed at rest, shown
 * to admins, rotated by them) and recording a verified order once, linked to our campaign by its
 * UTM parameters.
 *
 * Linking: `utm_campaign` is our campaign's id, or the `utm_campaign` our published ads carry, or
 * the campaign's name (case-insensitive); `utm_content`, when it is the id of one of that
 * campaign's ads, links the ad too. An order nothing matches is still kept (the store's revenue
 * counts in reports), with no campaign.
 */
import { and, eq, sql } from 'drizzle-orm';
import { newId, randomToken } from '../../domain/ids.ts';
import { auditEntry } from '../../platform/audit.ts';
import { type Db, orgScope } from '../../platform/db.ts';
import type { Env } from '../../platform/env.ts';
import { openSecret, sealSecret } from '../../platform/secret-box.ts';
import { adCampaigns, ads } from '../../schema/ads.ts';
import { conversionWebhookSecrets, orders } from '../../schema/autopilot.ts';
import type { ConversionInput } from '../../schema/inputs/autopilot.ts';

const sealContext = (orgId: string) => `conversions-webhook:${orgId}`;

export interface WebhookSecretView {
  secret: string;
  lastFour: string;
  createdAt: Date;
}

/** The org's current secret, opened; null when it has none yet. */
export async function conversionSecretOf(
  env: Env,
  db: Db,
  orgId: string,
): Promise<WebhookSecretView | null> {
  const row = await db
    .select()
    .from(conversionWebhookSecrets)
    .where(orgScope(orgId).where(conversionWebhookSecrets))
    .get();
  if (!row) return null;
  return {
    secret: await openSecret(env.ENCRYPTION_KEY, row.sealedSecret, sealContext(orgId)),
    lastFour: row.lastFour,
    createdAt: row.createdAt,
  };
}

/**
 * A fresh secret for the org and the statement that stores it (replacing any previous one), to
 * run in the same batch as its audit entry. The old secret stops verifying at once.
 */
export async function newConversionSecret(env: Env, db: Db, orgId: string, createdBy: string) {
  const secret = `glwh_${randomToken(32)}`;
  const values = {
    orgId,
    sealedSecret: await sealSecret(env.ENCRYPTION_KEY, secret, sealContext(orgId)),
    lastFour: secret.slice(-4),
    createdBy,
    createdAt: new Date(),
  };
  const statement = db
    .insert(conversionWebhookSecrets)
    .values(values)
    .onConflictDoUpdate({ target: conversionWebhookSecrets.orgId, set: values });
  return { secret, lastFour: values.lastFour, createdAt: values.createdAt, statement };
}

/** Our campaign (and ad) an order's UTM parameters point at. */
export async function linkByUtm(
  db: Db,
  orgId: string,
  utm: { campaign?: string | null; content?: string | null },
): Promise<{ campaignId: string | null; adId: string | null }> {
  const scope = orgScope(orgId);
  const key = utm.campaign?.trim();
  if (!key) return { campaignId: null, adId: null };
  const campaign =
    (await db
      .select({ id: adCampaigns.id })
      .from(adCampaigns)
      .where(scope.where(adCampaigns, eq(adCampaigns.id, key)))
      .get()) ??
    (await db
      .select({ id: ads.campaignId })
      .from(ads)
      .where(scope.where(ads, eq(ads.utmCampaign, key)))
      .get()) ??
    (await db
      .select({ id: adCampaigns.id })
      .from(adCampaigns)
      .where(scope.where(adCampaigns, sql`lower(${adCampaigns.name}) = lower(${key})`))
      .orderBy(adCampaigns.id)
      .get());
  if (!campaign) return { campaignId: null, adId: null };
  const content = utm.content?.trim();
  const ad = content
    ? await db
        .select({ id: ads.id })
        .from(ads)
        .where(scope.where(ads, and(eq(ads.id, content), eq(ads.campaignId, campaign.id))))
        .get()
    : undefined;
  return { campaignId: campaign.id, adId: ad?.id ?? null };
}

/**
 * Records the order once: the same `orderId` again (a retried or replayed delivery) returns the
 * order already stored and writes nothing.
 */
export async function recordConversion(
  db: Db,
  orgId: string,
  input: ConversionInput,
  now = new Date(),
): Promise<{ order: typeof orders.$inferSelect; created: boolean }> {
  const link = await linkByUtm(db, orgId, input.utm ?? {});
  const id = newId(now.getTime());
  const [insertedRows] = await db.batch([
    db
      .insert(orders)
      .values({
        id,
        orgId,
        externalOrderId: input.orderId,
        amountMinor: input.amountMinor,
        currency: input.currency,
        utmSource: input.utm?.source ?? null,
        utmMedium: input.utm?.medium ?? null,
        utmCampaign: input.utm?.campaign ?? null,
        utmContent: input.utm?.content ?? null,
        utmTerm: input.utm?.term ?? null,
        campaignId: link.campaignId,
        adId: link.adId,
        orderedAt: input.orderedAt ? new Date(input.orderedAt) : now,
        createdAt: now,
      })
      .onConflictDoNothing()
      .returning(),
    auditEntry(
      db,
      null,
      null,
      {
        orgId,
        action: 'order.received',
        targetType: 'order',
        targetId: id,
        data: {
          orderId: input.orderId,
          amountMinor: input.amountMinor,
          currency: input.currency,
          campaignId: link.campaignId,
          adId: link.adId,
        },
      },
      { onlyIfChanged: true },
    ),
  ]);
  const inserted = insertedRows[0];
  if (inserted) return { order: inserted, created: true };
  const existing = await db
    .select()
    .from(orders)
    .where(orgScope(orgId).where(orders, eq(orders.externalOrderId, input.orderId)))
    .get();
  if (!existing) throw new Error('order vanished after a conflicting insert');
  return { order: existing, created: false };
}
