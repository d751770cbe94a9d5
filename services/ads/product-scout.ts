/**
 * @module The scout job: ask a product source for candidates, add the ones the org does not have
 * yet (the same source id is never added twice, so a retried or repeated run adds nothing more),
 * and judge them with the org's rules when asked.
 */
import * as v from 'valibot';
import { database } from '../../platform/db.ts';
import type { Job, JobContext } from '../../platform/jobs.ts';
import { productSourceFor } from '../../providers/products/index.ts';
import { ScoutInput } from '../../schema/inputs/products.ts';
import { addProducts, loadViabilitySettings } from './products.ts';

export const SCOUT_JOB_KIND = 'products.scout';

export async function runScout(job: Job, ctx: JobContext) {
  const input = v.parse(ScoutInput, job.input ?? {});
  const db = database(ctx.env.DB);
  const source = productSourceFor(input.source);
  const found = await source.search({
    query: input.query,
    category: input.category,
    limit: input.limit,
  });
  await ctx.progress(50);
  const settings = input.qualify ? await loadViabilitySettings(db, job.orgId) : null;
  const { inserted, skipped } = await addProducts(
    db,
    job.orgId,
    found.map(({ sourceRef, ...product }) => ({ product, source: source.name, sourceRef })),
    { createdBy: job.createdBy, settings },
  );
  return {
    found: found.length,
    added: inserted.length,
    alreadyKnown: skipped,
    qualified: inserted.filter((p) => p.status === 'qualified').length,
    productIds: inserted.map((p) => p.id),
  };
}
