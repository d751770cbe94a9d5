/**
 * @module The organization and its members: settings, new orgs, role changes and removals.
 * An org always keeps at least one owner; the check and the change are one SQL statement, so two
 * owners demoting each other at once cannot both succeed.
 */

import { asc, eq, gt, ne, or, sql } from 'drizzle-orm';
import { canAssignRole, roleAllows } from '../../domain/permissions.ts';
import { auditEntry } from '../../platform/audit.ts';
import type { OrgScope } from '../../platform/db.ts';
import { conflict, forbidden, notFound } from '../../platform/problem.ts';
import { users } from '../../schema/accounts.ts';
import {
  ChangeRoleInput,
  CreateOrgInput,
  MemberParams,
  UpdateOrgInput,
} from '../../schema/inputs/orgs.ts';
import { members, orgs } from '../../schema/orgs.ts';
import { MemberRole, Members, Org, OrgCreated } from '../../schema/outputs/accounts.ts';
import { newOrgStatements } from '../../services/accounts/orgs.ts';
import { grantWelcomeCredits, ledgerOf } from '../../services/credits/ledger-client.ts';
import { Routes, requireThat } from '../router.ts';

const orgFields = {
  id: orgs.id,
  name: orgs.name,
  slug: orgs.slug,
  timeZone: orgs.timeZone,
  locale: orgs.locale,
  currency: orgs.currency,
  plan: orgs.plan,
  createdAt: orgs.createdAt,
};

/** The statement's own guard: the member is not an owner, or another owner remains. */
const anotherOwnerRemains = (org: OrgScope) =>
  or(
    ne(members.role, 'owner'),
    gt(
      sql`(select count(*) from ${members} where ${members.orgId} = ${org.orgId} and ${members.role} = 'owner')`,
      1,
    ),
  );

const lastOwner = () =>
  conflict('An organization must keep at least one owner. Make someone else owner first.');

export const orgRoutes = new Routes('Organization')
  .get(
    '/org',
    {
      summary: 'The active organization',
      auth: 'org:read',
      responses: { 200: { description: 'The organization.', schema: Org } },
    },
    async ({ c, db, org }) => {
      const row = await db.select(orgFields).from(orgs).where(eq(orgs.id, org.orgId)).get();
      if (!row) throw notFound('Organization');
      return c.json(row);
    },
  )
  .patch(
    '/org',
    {
      summary: 'Change the organization’s name, time zone, locale or currency',
      auth: 'org:update',
      body: UpdateOrgInput,
      responses: { 200: { description: 'The updated organization.', schema: Org } },
    },
    async ({ c, env, db, org, who, body }) => {
      const [updated] = await db.batch([
        db.update(orgs).set(body).where(eq(orgs.id, org.orgId)).returning(orgFields),
        auditEntry(db, c, who, {
          orgId: org.orgId,
          action: 'org.updated',
          targetType: 'org',
          targetId: org.orgId,
          data: body,
        }),
      ]);
      // The ledger counts monthly spend limits on the org's clock.
      if (body.timeZone) await ledgerOf(env, org.orgId).setTimeZone(body.timeZone);
      return c.json(updated[0]);
    },
  )
  .post(
    '/orgs',
    {
      summary: 'Create another organization, owned by you',
      auth: 'user',
      body: CreateOrgInput,
      responses: { 201: { description: 'The new organization.', schema: OrgCreated } },
    },
    async ({ c, env, db, who, body }) => {
      const { org, statements } = await newOrgStatements(db, body.name, who.userId);
      await db.batch([
        ...statements,
        auditEntry(db, c, who, {
          orgId: org.id,
          action: 'org.created',
          targetType: 'org',
          targetId: org.id,
          data: { name: org.name },
        }),
      ]);
      await grantWelcomeCredits(env, org.id);
      return c.json({ ...org, role: 'owner' }, 201);
    },
  )
  .get(
    '/org/members',
    {
      summary: 'Members and their roles',
      auth: 'members:read',
      responses: { 200: { description: 'Members.', schema: Members } },
    },
    async ({ c, db, org }) => {
      const rows = await db
        .select({
          userId: members.userId,
          name: users.name,
          email: users.email,
          role: members.role,
          joinedAt: members.createdAt,
        })
        .from(members)
        .innerJoin(users, eq(users.id, members.userId))
        .where(org.where(members))
        .orderBy(asc(users.name));
      return c.json({ items: rows });
    },
  )
  .patch(
    '/org/members/:userId',
    {
      summary: 'Change a member’s role',
      description:
        'Only owners grant or take away the owner role. The last owner cannot be demoted.',
      auth: 'members:manage',
      params: MemberParams,
      body: ChangeRoleInput,
      responses: {
        200: { description: 'The member with the new role.', schema: MemberRole },
        409: 'That would leave no owner.',
      },
    },
    async ({ c, db, org, who, params, body }) => {
      if (who.kind !== 'user') throw forbidden();
      const target = await db
        .select({ role: members.role })
        .from(members)
        .where(org.where(members, eq(members.userId, params.userId)))
        .get();
      if (!target) throw notFound('Member');
      requireThat(
        canAssignRole(who.role, target.role) && canAssignRole(who.role, body.role),
        'Only an owner can grant or remove the owner role.',
      );
      const [changed] = await db.batch([
        db
          .update(members)
          .set({ role: body.role })
          .where(org.where(members, eq(members.userId, params.userId), anotherOwnerRemains(org)))
          .returning({ userId: members.userId, role: members.role }),
        auditEntry(
          db,
          c,
          who,
          {
            orgId: org.orgId,
            action: 'member.role_changed',
            targetType: 'member',
            targetId: params.userId,
            data: { from: target.role, to: body.role },
          },
          { onlyIfChanged: true },
        ),
      ]);
      if (!changed[0]) throw lastOwner();
      return c.json(changed[0]);
    },
  )
  .delete(
    '/org/members/:userId',
    {
      summary: 'Remove a member (or leave the organization yourself)',
      auth: 'members:read',
      params: MemberParams,
      responses: { 204: 'Removed.', 409: 'That would leave no owner.' },
    },
    async ({ c, db, org, who, params }) => {
      if (who.kind !== 'user') throw forbidden();
      const target = await db
        .select({ role: members.role })
        .from(members)
        .where(org.where(members, eq(members.userId, params.userId)))
        .get();
      if (!target) throw notFound('Member');
      const leaving = params.userId === who.userId;
      requireThat(
        leaving || (roleAllows(who.role, 'members:manage') && canAssignRole(who.role, target.role)),
        'You may remove members only below your own role.',
      );
      const [removed] = await db.batch([
        db
          .delete(members)
          .where(org.where(members, eq(members.userId, params.userId), anotherOwnerRemains(org)))
          .returning({ userId: members.userId }),
        auditEntry(
          db,
          c,
          who,
          {
            orgId: org.orgId,
            action: leaving ? 'member.left' : 'member.removed',
            targetType: 'member',
            targetId: params.userId,
            data: { role: target.role },
          },
          { onlyIfChanged: true },
        ),
      ]);
      if (!removed[0]) throw lastOwner();
      return c.body(null, 204);
    },
  );
