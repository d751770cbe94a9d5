/**
 * @module Studio templates: the built-in marketing templates (pt-BR and en) and the org's own,
 * each with typed variables the web renders as a form.
 */

import { desc, eq } from 'drizzle-orm';
import * as v from 'valibot';
import { newId } from '../../domain/ids.ts';
import { auditEntry } from '../../platform/audit.ts';
import { actorId } from '../../platform/principal.ts';
import { invalid, notFound } from '../../platform/problem.ts';
import { IdParams } from '../../schema/inputs/common.ts';
import { fieldIssueOf } from '../../schema/inputs/issues.ts';
import { TemplateInput, TemplateListQuery, TemplatePatch } from '../../schema/inputs/studio.ts';
import { BUILT_IN_LOCALES, builtInTemplates } from '../../schema/inputs/studio-templates.ts';
import { Template, Templates } from '../../schema/outputs/studio.ts';
import { studioTemplates } from '../../schema/studio.ts';
import { templateFromRow } from '../../services/studio/templates.ts';
import { Routes } from '../router.ts';

export const studioTemplateRoutes = new Routes('AI studio')
  .get(
    '/studio/templates',
    {
      summary: 'Templates: the built-in ones and the organization’s own',
      auth: 'studio:read',
      query: TemplateListQuery,
      responses: {
        200: {
          description: 'Built-in templates first, then the org’s, newest first.',
          schema: Templates,
        },
      },
    },
    async ({ c, db, org, query }) => {
      const rows = await db
        .select()
        .from(studioTemplates)
        .where(
          org.where(
            studioTemplates,
            query.locale ? eq(studioTemplates.locale, query.locale) : undefined,
            query.modality ? eq(studioTemplates.modality, query.modality) : undefined,
          ),
        )
        .orderBy(desc(studioTemplates.id))
        .limit(200);
      const builtIns = (query.locale ? [query.locale] : BUILT_IN_LOCALES)
        .flatMap(builtInTemplates)
        .filter((t) => !query.modality || t.modality === query.modality);
      return c.json({ items: [...builtIns, ...rows.map(templateFromRow)] });
    },
  )
  .post(
    '/studio/templates',
    {
      summary: 'Save a template of the organization’s own',
      auth: 'studio:write',
      body: TemplateInput,
      responses: { 201: { description: 'The template.', schema: Template } },
    },
    async ({ c, db, org, who, body }) => {
      const row = {
        id: newId(),
        orgId: org.orgId,
        ...body,
        createdBy: actorId(who),
      };
      const [inserted] = await db.batch([
        db.insert(studioTemplates).values(row).returning(),
        auditEntry(db, c, who, {
          orgId: org.orgId,
          action: 'studio.template.created',
          targetType: 'studio_template',
          targetId: row.id,
          data: { name: row.name, modality: row.modality },
        }),
      ]);
      return c.json(templateFromRow(inserted[0]!), 201);
    },
  )
  .patch(
    '/studio/templates/:id',
    {
      summary: 'Change one of the organization’s templates',
      auth: 'studio:write',
      params: IdParams,
      body: TemplatePatch,
      responses: {
        200: { description: 'The template.', schema: Template },
        404: 'No such template of this organization.',
      },
    },
    async ({ c, db, org, who, params, body }) => {
      const current = await db
        .select()
        .from(studioTemplates)
        .where(org.where(studioTemplates, eq(studioTemplates.id, params.id)))
        .get();
      if (!current) throw notFound('Template');
      // The prompt and the variables must still agree after a change to either.
      const merged = v.safeParse(TemplateInput, {
        name: body.name ?? current.name,
        modality: body.modality ?? current.modality,
        locale: body.locale ?? current.locale,
        prompt: body.prompt ?? current.prompt,
        variables: body.variables ?? current.variables,
      });
      if (!merged.success)
        throw invalid(
          merged.issues.map((issue) => ({ ...fieldIssueOf(issue), message: issue.message })),
        );
      const [updated] = await db.batch([
        db
          .update(studioTemplates)
          .set({ ...merged.output, updatedAt: new Date() })
          .where(org.where(studioTemplates, eq(studioTemplates.id, params.id)))
          .returning(),
        auditEntry(
          db,
          c,
          who,
          {
            orgId: org.orgId,
            action: 'studio.template.updated',
            targetType: 'studio_template',
            targetId: params.id,
            data: {
              fields: Object.keys(body).filter((k) => body[k as keyof typeof body] !== undefined),
            },
          },
          { onlyIfChanged: true },
        ),
      ]);
      if (!updated[0]) throw notFound('Template');
      return c.json(templateFromRow(updated[0]));
    },
  )
  .delete(
    '/studio/templates/:id',
    {
      summary: 'Delete one of the organization’s templates',
      auth: 'studio:write',
      params: IdParams,
      responses: { 204: 'Deleted.', 404: 'No such template of this organization.' },
    },
    async ({ c, db, org, who, params }) => {
      const [deleted] = await db.batch([
        db
          .delete(studioTemplates)
          .where(org.where(studioTemplates, eq(studioTemplates.id, params.id)))
          .returning({ id: studioTemplates.id }),
        auditEntry(
          db,
          c,
          who,
          {
            orgId: org.orgId,
            action: 'studio.template.deleted',
            targetType: 'studio_template',
            targetId: params.id,
          },
          { onlyIfChanged: true },
        ),
      ]);
      if (!deleted[0]) throw notFound('Template');
      return c.body(null, 204);
    },
  );
