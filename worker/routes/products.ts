/**
 * @module Products to advertise: entered by hand, imported from CSV or scouted by a background
 * job; judged by the org's viability rules (score 0–100 with every reason) or approved and
 * rejected by hand; and the rules themselves.
 */

import { desc, eq, inArray, like, lt, or } from 'drizzle-orm';
import * as v from 'valibot';
import { newId } from '../../domain/ids.ts';
import { auditEntry } from '../../platform/audit.ts';
import type { Db, OrgScope } from '../../platform/db.ts';
import { enqueueJob } from '../../platform/jobs.ts';
import { page } from '../../platform/pagination.ts';
import { actorId, type OrgPrincipal } from '../../platform/principal.ts';
import { invalid, notFound } from '../../platform/problem.ts';
import { adsSettings, creatives, products } from '../../schema/ads.ts';
import { IdParams, JsonObject, Uuid } from '../../schema/inputs/common.ts';
import {
  ProductDecisionInput,
  ProductImportInput,
  ProductInput,
  ProductListQuery,
  ProductPatch,
  ScoutInput,
  ViabilitySettingsInput,
} from '../../schema/inputs/products.ts';
import {
  JobStarted,
  Product,
  ProductImport,
  Products,
  ProductsJudged,
  ViabilitySettings,
} from '../../schema/outputs/ads.ts';
import { productsFromCsv } from '../../services/ads/product-csv.ts';
import { SCOUT_JOB_KIND } from '../../services/ads/product-scout.ts';
import {
  addProducts,
  findProduct,
  judgeRow,
  loadViabilitySettings,
  productView,
  verdictColumns,
  viabilitySettings,
} from '../../services/ads/products.ts';
import { type AppContext, Routes } from '../router.ts';

const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

async function requireProduct(db: Db, org: OrgScope, id: string) {
  const product = await findProduct(db, org.orgId, id);
  if (!product) throw notFound('Product');
  return product;
}

/** Judges the products with the org's rules and stores each verdict; returns them updated. */
async function qualify(
  db: Db,
  c: AppContext,
  who: OrgPrincipal,
  org: OrgScope,
  rows: (typeof products.$inferSelect)[],
) {
  if (rows.length === 0) return [];
  const settings = await loadViabilitySettings(db, org.orgId);
  const now = new Date();
  const statements = rows.flatMap((row) => {
    const verdict = judgeRow(row, settings);
    return [
      db
        .update(products)
        .set(verdictColumns(verdict, now))
        .where(org.where(products, eq(products.id, row.id)))
        .returning(),
      auditEntry(db, c, who, {
        orgId: org.orgId,
        action: 'product.judged',
        targetType: 'product',
        targetId: row.id,
        data: {
          status: verdict.status,
          score: verdict.score,
          failed: verdict.reasons.filter((r) => !r.ok).map((r) => r.code),
        },
      }),
    ] as const;
  });
  const results = await db.batch(statements as unknown as [(typeof statements)[number]]);
  return results
    .filter((_, i) => i % 2 === 0)
    .map((r) => (r as (typeof products.$inferSelect)[])[0]!)
    .map(productView);
}

async function decideByHand(
  db: Db,
  c: AppContext,
  who: OrgPrincipal,
  org: OrgScope,
  id: string,
  status: 'qualified' | 'rejected',
  note: string | undefined,
) {
  const product = await requireProduct(db, org, id);
  // Overriding the rules is allowed, but the reasons list must then say why.
  const rulesSaid = product.judgedAt && !product.decidedBy ? product.status : null;
  if (rulesSaid && rulesSaid !== status && !note)
    throw invalid([
      {
        path: 'note',
        message: `The viability rules ${rulesSaid} this product; say why you ${status === 'qualified' ? 'approve' : 'reject'} it.`,
      },
    ]);
  const [updated] = await db.batch([
    db
      .update(products)
      .set({ status, decidedBy: actorId(who), decisionNote: note ?? null, updatedAt: new Date() })
      .where(org.where(products, eq(products.id, id)))
      .returning(),
    auditEntry(db, c, who, {
      orgId: org.orgId,
      action: status === 'qualified' ? 'product.approved' : 'product.rejected',
      targetType: 'product',
      targetId: id,
      data: { note: note ?? null, rulesVerdict: rulesSaid },
    }),
  ]);
  return productView(updated[0]!);
}

const QualifyManyInput = JsonObject(
  v.strictObject({
    /** The products to judge; all products still scouted when left out. */
    ids: v.optional(v.pipe(v.array(Uuid), v.maxLength(200, 'At most 200 products at once.'))),
  }),
  'body',
);

export const productRoutes = new Routes('Products')
  .get(
    '/products',
    {
      summary: 'Products, newest first; filter by status or text',
      auth: 'ads:read',
      query: ProductListQuery,
      responses: {
        200: { description: 'A page of products with their verdicts.', schema: Products },
      },
    },
    async ({ c, db, org, query }) => {
      const pattern = query.q ? likePattern(query.q) : null;
      const rows = await db
        .select()
        .from(products)
        .where(
          org.where(
            products,
            query.cursor ? lt(products.id, query.cursor) : undefined,
            query.status ? eq(products.status, query.status) : undefined,
            pattern
              ? or(like(products.title, pattern), like(products.category, pattern))
              : undefined,
          ),
        )
        .orderBy(desc(products.id))
        .limit(query.limit + 1);
      return c.json(page(rows.map(productView), query.limit));
    },
  )
  .post(
    '/products',
    {
      summary: 'Add a product by hand (it starts scouted; qualify it to judge it)',
      auth: 'ads:write',
      body: ProductInput,
      responses: { 201: { description: 'The product.', schema: Product } },
    },
    async ({ c, db, org, who, body }) => {
      const id = newId();
      const now = new Date();
      const [inserted] = await db.batch([
        db
          .insert(products)
          .values({
            id,
            orgId: org.orgId,
            ...body,
            source: 'manual',
            createdBy: actorId(who),
            createdAt: now,
            updatedAt: now,
          })
          .returning(),
        auditEntry(db, c, who, {
          orgId: org.orgId,
          action: 'product.created',
          targetType: 'product',
          targetId: id,
          data: { title: body.title, source: 'manual' },
        }),
      ]);
      return c.json(productView(inserted[0]!), 201);
    },
  )
  .post(
    '/products/import',
    {
      summary: 'Import products from a CSV (up to 1,000 rows); each bad row is reported',
      description:
        'Columns: title, description, category, keywords and images (separated by `|`), ' +
        'supplier_cost and market_price in major units ("19,90"), currency, monthly_orders, ' +
        'rating, competing_ads, source_ref. `,` or `;` separated. Valid rows are imported; rows ' +
        'with a `source_ref` already imported are skipped. With `qualify` (default) each product ' +
        'is judged at once.',
      auth: 'ads:write',
      body: ProductImportInput,
      responses: {
        200: {
          description: 'What was imported, skipped, and why rows were refused.',
          schema: ProductImport,
        },
        422: 'The header is wrong or the file has too many rows; nothing was imported.',
      },
    },
    async ({ c, db, org, who, body }) => {
      const { products: parsed, errors } = productsFromCsv(body.csv);
      if (errors.some((e) => e.line === 1 || e.message.startsWith('At most')))
        throw invalid(
          errors.map((e) => ({ path: `csv.line${e.line}.${e.path}`, message: e.message })),
        );
      const settings = body.qualify ? await loadViabilitySettings(db, org.orgId) : null;
      const { inserted, skipped } = await addProducts(
        db,
        org.orgId,
        parsed.map((p) => ({ product: p.product, source: 'csv', sourceRef: p.sourceRef })),
        { createdBy: actorId(who), settings },
      );
      await auditEntry(db, c, who, {
        orgId: org.orgId,
        action: 'product.imported',
        targetType: 'product',
        data: { imported: inserted.length, skipped, refusedRows: errors.length },
      });
      return c.json({
        imported: inserted.length,
        skipped,
        errors,
        items: inserted.map(productView),
      });
    },
  )
  .post(
    '/products/scout',
    {
      summary: 'Look for products at a source, in the background',
      description:
        'Queues a scout job (progress on the org’s live events and `GET /jobs/:id`). Products the ' +
        'org already has from that source are not added again.',
      auth: 'ads:write',
      body: ScoutInput,
      responses: {
        202: {
          description: 'Queued.',
          schema: JobStarted,
        },
      },
    },
    async ({ c, env, org, who, body }) => {
      const job = await enqueueJob(env, 'ads', {
        orgId: org.orgId,
        kind: SCOUT_JOB_KIND,
        idempotencyKey: `scout:${newId()}`,
        input: body,
        createdBy: actorId(who),
      });
      return c.json({ jobId: job.id, status: job.status }, 202);
    },
  )
  .post(
    '/products/qualify',
    {
      summary: 'Judge several products with the org’s rules (all scouted ones by default)',
      auth: 'ads:write',
      body: QualifyManyInput,
      responses: {
        200: { description: 'The products with their new verdicts.', schema: ProductsJudged },
      },
    },
    async ({ c, db, org, who, body }) => {
      const rows = await db
        .select()
        .from(products)
        .where(
          org.where(
            products,
            body.ids ? inArray(products.id, body.ids) : eq(products.status, 'scouted'),
          ),
        )
        .limit(200);
      return c.json({ items: await qualify(db, c, who, org, rows) });
    },
  )
  .get(
    '/products/:id',
    {
      summary: 'One product with its verdict and reasons',
      auth: 'ads:read',
      params: IdParams,
      responses: { 200: { description: 'The product.', schema: Product }, 404: 'No such product.' },
    },
    async ({ c, db, org, params }) => c.json(productView(await requireProduct(db, org, params.id))),
  )
  .patch(
    '/products/:id',
    {
      summary: 'Change a product; a changed product goes back to scouted until judged again',
      auth: 'ads:write',
      params: IdParams,
      body: ProductPatch,
      responses: { 200: { description: 'The product.', schema: Product }, 404: 'No such product.' },
    },
    async ({ c, db, org, who, params, body }) => {
      await requireProduct(db, org, params.id);
      const fields = Object.fromEntries(Object.entries(body).filter(([, x]) => x !== undefined));
      const [updated] = await db.batch([
        db
          .update(products)
          .set({
            ...fields,
            // The old verdict judged other data: it no longer stands.
            status: 'scouted',
            score: null,
            scoreParts: null,
            reasons: null,
            judgedAt: null,
            decidedBy: null,
            decisionNote: null,
            updatedAt: new Date(),
          })
          .where(org.where(products, eq(products.id, params.id)))
          .returning(),
        auditEntry(db, c, who, {
          orgId: org.orgId,
          action: 'product.updated',
          targetType: 'product',
          targetId: params.id,
          data: { fields: Object.keys(fields) },
        }),
      ]);
      return c.json(productView(updated[0]!));
    },
  )
  .delete(
    '/products/:id',
    {
      summary: 'Delete a product and its creatives',
      auth: 'ads:write',
      params: IdParams,
      responses: { 204: 'Deleted.', 404: 'No such product.' },
    },
    async ({ c, db, org, who, params }) => {
      const [deleted] = await db.batch([
        db
          .delete(products)
          .where(org.where(products, eq(products.id, params.id)))
          .returning({ id: products.id }),
        db.delete(creatives).where(org.where(creatives, eq(creatives.productId, params.id))),
        auditEntry(
          db,
          c,
          who,
          {
            orgId: org.orgId,
            action: 'product.deleted',
            targetType: 'product',
            targetId: params.id,
          },
          { onlyIfChanged: true },
        ),
      ]);
      if (!deleted[0]) throw notFound('Product');
      return c.body(null, 204);
    },
  )
  .post(
    '/products/:id/qualify',
    {
      summary: 'Judge one product with the org’s rules: score 0–100 and every reason',
      auth: 'ads:write',
      params: IdParams,
      responses: {
        200: { description: 'The product with its verdict.', schema: Product },
        404: 'No such product.',
      },
    },
    async ({ c, db, org, who, params }) => {
      const product = await requireProduct(db, org, params.id);
      const [judged] = await qualify(db, c, who, org, [product]);
      return c.json(judged);
    },
  )
  .post(
    '/products/:id/approve',
    {
      summary: 'Qualify a product by hand (a note is required to overrule a rejection)',
      auth: 'ads:write',
      params: IdParams,
      body: ProductDecisionInput,
      responses: {
        200: { description: 'The product.', schema: Product },
        404: 'No such product.',
        422: 'A note is required.',
      },
    },
    async ({ c, db, org, who, params, body }) =>
      c.json(await decideByHand(db, c, who, org, params.id, 'qualified', body.note)),
  )
  .post(
    '/products/:id/reject',
    {
      summary: 'Reject a product by hand (a note is required to overrule a qualification)',
      auth: 'ads:write',
      params: IdParams,
      body: ProductDecisionInput,
      responses: {
        200: { description: 'The product.', schema: Product },
        404: 'No such product.',
        422: 'A note is required.',
      },
    },
    async ({ c, db, org, who, params, body }) =>
      c.json(await decideByHand(db, c, who, org, params.id, 'rejected', body.note)),
  )
  .get(
    '/ads/settings/viability',
    {
      summary: 'The org’s product qualification rules (defaults filled in)',
      auth: 'ads:read',
      responses: { 200: { description: 'The rules in force.', schema: ViabilitySettings } },
    },
    async ({ c, db, org }) => c.json(await loadViabilitySettings(db, org.orgId)),
  )
  .put(
    '/ads/settings/viability',
    {
      summary: 'Set the product qualification rules; fields left out keep their defaults',
      description:
        'Weights, the minimum score to qualify, minimum margin, category allow-list, blocked ' +
        'words and brands, and realistic price bounds. Existing verdicts stay until products ' +
        'are qualified again.',
      auth: 'ads:manage',
      body: ViabilitySettingsInput,
      responses: {
        200: { description: 'The rules in force.', schema: ViabilitySettings },
        422: 'A rule is out of range.',
      },
    },
    async ({ c, db, org, who, body }) => {
      const effective = viabilitySettings(body);
      if (effective.fullMarginPercent <= effective.minMarginPercent)
        throw invalid([
          {
            path: 'fullMarginPercent',
            message: 'fullMarginPercent must be above minMarginPercent.',
          },
        ]);
      const now = new Date();
      await db.batch([
        db
          .insert(adsSettings)
          .values({ orgId: org.orgId, viability: body, updatedBy: actorId(who), updatedAt: now })
          .onConflictDoUpdate({
            target: adsSettings.orgId,
            set: { viability: body, updatedBy: actorId(who), updatedAt: now },
          }),
        auditEntry(db, c, who, {
          orgId: org.orgId,
          action: 'ads.viability_settings.updated',
          targetType: 'ads_settings',
          targetId: org.orgId,
          data: body as Record<string, unknown>,
        }),
      ]);
      return c.json(effective);
    },
  );
