/** @module Finding a template by id: a built-in one (`<key>.<locale>`) or one of the org's own. */
import { eq } from 'drizzle-orm';
import * as v from 'valibot';
import { type Db, orgScope } from '../../platform/db.ts';
import { Uuid } from '../../schema/inputs/common.ts';
import { builtInTemplate, type StudioTemplate } from '../../schema/inputs/studio-templates.ts';
import { studioTemplates } from '../../schema/studio.ts';

type TemplateRow = typeof studioTemplates.$inferSelect;

/** An org's template as the API shows it, in the same shape as the built-in ones. */
export const templateFromRow = (row: TemplateRow): StudioTemplate & { createdAt: Date } => ({
  id: row.id,
  builtIn: false,
  name: row.name,
  description: '',
  modality: row.modality,
  locale: row.locale as StudioTemplate['locale'],
  prompt: row.prompt,
  variables: row.variables,
  createdAt: row.createdAt,
});

export async function findTemplate(
  db: Db,
  orgId: string,
  id: string,
): Promise<StudioTemplate | null> {
  const builtIn = builtInTemplate(id);
  if (builtIn) return builtIn;
  if (!v.is(Uuid, id)) return null;
  const row = await db
    .select()
    .from(studioTemplates)
    .where(orgScope(orgId).where(studioTemplates, eq(studioTemplates.id, id)))
    .get();
  return row ? templateFromRow(row) : null;
}
