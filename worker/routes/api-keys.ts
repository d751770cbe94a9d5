/**
 * @module API keys for external clients: created with scopes and shown once, listed without
 * the secret, revoked at once.
 */

import { desc, eq, isNull } from 'drizzle-orm';
import { newId } from '../../domain/ids.ts';
import { API_KEY_SCOPES, type Permission } from '../../domain/permissions.ts';
import { auditEntry } from '../../platform/audit.ts';
import { forbidden, invalid, notFound } from '../../platform/problem.ts';
import { IdParams } from '../../schema/inputs/common.ts';
import { CreateApiKeyInput } from '../../schema/inputs/orgs.ts';
import { apiKeys } from '../../schema/orgs.ts';
import { ApiKeyCreated, ApiKeys } from '../../schema/outputs/accounts.ts';
import { mintApiKey } from '../../services/accounts/api-keys.ts';
import { Routes } from '../router.ts';

const listed = {
  id: apiKeys.id,
  name: apiKeys.name,
  prefix: apiKeys.prefix,
  scopes: apiKeys.scopes,
  createdAt: apiKeys.createdAt,
  lastUsedAt: apiKeys.lastUsedAt,
  expiresAt: apiKeys.expiresAt,
  revokedAt: apiKeys.revokedAt,
};

export const apiKeyRoutes = new Routes('API keys')
  .post(
    '/org/api-keys',
    {
      summary: 'Create an API key; the key itself is returned only in this response',
      auth: 'api_keys:manage',
      body: CreateApiKeyInput,
      responses: {
        201: {
          description: 'The new key.',
          schema: ApiKeyCreated,
        },
      },
    },
    async ({ c, db, org, who, body }) => {
      if (who.kind !== 'user') throw forbidden();
      const unknown = body.scopes.filter((s) => !(API_KEY_SCOPES as string[]).includes(s));
      if (unknown.length)
        throw invalid(
          unknown.map((s) => ({
            path: `scopes.${body.scopes.indexOf(s)}`,
            message: `Unknown scope "${s}". Allowed: ${API_KEY_SCOPES.join(', ')}.`,
          })),
        );
      const { key, prefix, keyHash } = await mintApiKey();
      const row = {
        id: newId(),
        orgId: org.orgId,
        name: body.name,
        prefix,
        keyHash,
        scopes: [...new Set(body.scopes)] as Permission[],
        createdBy: who.userId,
        expiresAt: new Date(Date.now() + body.expiresInDays * 24 * 3600 * 1000),
      };
      await db.batch([
        db.insert(apiKeys).values(row),
        auditEntry(db, c, who, {
          orgId: org.orgId,
          action: 'api_key.created',
          targetType: 'api_key',
          targetId: row.id,
          data: { name: row.name, scopes: row.scopes },
        }),
      ]);
      return c.json(
        { id: row.id, name: row.name, prefix, scopes: row.scopes, expiresAt: row.expiresAt, key },
        201,
      );
    },
  )
  .get(
    '/org/api-keys',
    {
      summary: 'API keys of this organization (never the keys themselves)',
      auth: 'api_keys:manage',
      responses: {
        200: { description: 'Keys, newest first, and the scopes a key may have.', schema: ApiKeys },
      },
    },
    async ({ c, db, org }) => {
      const rows = await db
        .select(listed)
        .from(apiKeys)
        .where(org.where(apiKeys))
        .orderBy(desc(apiKeys.id))
        .limit(200);
      return c.json({ items: rows, availableScopes: API_KEY_SCOPES });
    },
  )
  .delete(
    '/org/api-keys/:id',
    {
      summary: 'Revoke an API key; it stops working at once',
      auth: 'api_keys:manage',
      params: IdParams,
      responses: { 204: 'Revoked.', 404: 'No active key with this id.' },
    },
    async ({ c, db, org, who, params }) => {
      const [revoked] = await db.batch([
        db
          .update(apiKeys)
          .set({ revokedAt: new Date() })
          .where(org.where(apiKeys, eq(apiKeys.id, params.id), isNull(apiKeys.revokedAt)))
          .returning({ id: apiKeys.id }),
        auditEntry(
          db,
          c,
          who,
          {
            orgId: org.orgId,
            action: 'api_key.revoked',
            targetType: 'api_key',
            targetId: params.id,
          },
          { onlyIfChanged: true },
        ),
      ]);
      if (!revoked[0]) throw notFound('Active API key');
      return c.body(null, 204);
    },
  );
