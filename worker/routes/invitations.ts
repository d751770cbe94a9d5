/**
 * @module Invitations: an admin invites an e-mail address with a role and gets a link token
 * (stored hashed, valid 7 days, single use). The invitee signs in with that e-mail and accepts;
 * the membership insert, the spending of the token and the audit entry are one D1 batch.
 */

import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import { newId, randomToken, sha256Hex } from '../../domain/ids.ts';
import { canAssignRole } from '../../domain/permissions.ts';
import { auditEntry } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import { conflict, forbidden, notFound, Problem } from '../../platform/problem.ts';
import { users } from '../../schema/accounts.ts';
import { IdParams } from '../../schema/inputs/common.ts';
import { InvitationTokenParams, InviteInput } from '../../schema/inputs/orgs.ts';
import { invitations, members, orgs } from '../../schema/orgs.ts';
import {
  InvitationAccepted,
  InvitationCreated,
  InvitationPreview,
  Invitations,
} from '../../schema/outputs/accounts.ts';
import { Routes, requireThat } from '../router.ts';

const INVITATION_TTL_MS = 7 * 24 * 3600 * 1000;

function invitationStatus(row: {
  acceptedAt: Date | null;
  revokedAt: Date | null;
  expiresAt: Date;
}): 'pending' | 'accepted' | 'revoked' | 'expired' {
  if (row.acceptedAt) return 'accepted';
  if (row.revokedAt) return 'revoked';
  if (row.expiresAt.getTime() <= Date.now()) return 'expired';
  return 'pending';
}

async function findByToken(db: Db, token: string) {
  return db
    .select({
      id: invitations.id,
      orgId: invitations.orgId,
      email: invitations.email,
      role: invitations.role,
      expiresAt: invitations.expiresAt,
      acceptedAt: invitations.acceptedAt,
      revokedAt: invitations.revokedAt,
      orgName: orgs.name,
      invitedByName: users.name,
    })
    .from(invitations)
    .innerJoin(orgs, eq(orgs.id, invitations.orgId))
    .leftJoin(users, eq(users.id, invitations.invitedBy))
    .where(eq(invitations.tokenHash, await sha256Hex(token)))
    .get();
}

export const invitationRoutes = new Routes('Invitations')
  .post(
    '/org/invitations',
    {
      summary: 'Invite someone by e-mail; returns the link token once',
      description: 'Inviting an address again replaces its pending invitation.',
      auth: 'members:manage',
      body: InviteInput,
      responses: {
        201: {
          description: 'The invitation, with its token and accept URL.',
          schema: InvitationCreated,
        },
        409: 'Already a member.',
      },
    },
    async ({ c, db, org, who, body }) => {
      if (who.kind !== 'user') throw forbidden();
      requireThat(canAssignRole(who.role, body.role), 'Only an owner can invite owners.');
      const alreadyMember = await db
        .select({ userId: members.userId })
        .from(members)
        .innerJoin(users, eq(users.id, members.userId))
        .where(org.where(members, eq(users.email, body.email)))
        .get();
      if (alreadyMember)
        throw conflict('This person is already a member.', [
          { path: 'email', message: 'Already a member.' },
        ]);
      const token = randomToken(24);
      const now = new Date();
      const invitation = {
        id: newId(),
        orgId: org.orgId,
        email: body.email,
        role: body.role,
        tokenHash: await sha256Hex(token),
        invitedBy: who.userId,
        expiresAt: new Date(now.getTime() + INVITATION_TTL_MS),
      };
      await db.batch([
        db
          .update(invitations)
          .set({ revokedAt: now })
          .where(
            org.where(
              invitations,
              eq(invitations.email, body.email),
              isNull(invitations.acceptedAt),
              isNull(invitations.revokedAt),
            ),
          ),
        db.insert(invitations).values(invitation),
        auditEntry(db, c, who, {
          orgId: org.orgId,
          action: 'invitation.created',
          targetType: 'invitation',
          targetId: invitation.id,
          data: { email: body.email, role: body.role },
        }),
      ]);
      const acceptUrl = `${new URL(c.req.url).origin}/invite/${token}`;
      return c.json(
        {
          id: invitation.id,
          email: invitation.email,
          role: invitation.role,
          expiresAt: invitation.expiresAt.toISOString(),
          token,
          acceptUrl,
        },
        201,
      );
    },
  )
  .get(
    '/org/invitations',
    {
      summary: 'Invitations sent by this organization',
      auth: 'members:manage',
      responses: { 200: { description: 'Invitations, newest first.', schema: Invitations } },
    },
    async ({ c, db, org }) => {
      const rows = await db
        .select({
          id: invitations.id,
          email: invitations.email,
          role: invitations.role,
          expiresAt: invitations.expiresAt,
          acceptedAt: invitations.acceptedAt,
          revokedAt: invitations.revokedAt,
          createdAt: invitations.createdAt,
        })
        .from(invitations)
        .where(org.where(invitations))
        .orderBy(desc(invitations.id))
        .limit(200);
      return c.json({ items: rows.map((r) => ({ ...r, status: invitationStatus(r) })) });
    },
  )
  .delete(
    '/org/invitations/:id',
    {
      summary: 'Revoke a pending invitation',
      auth: 'members:manage',
      params: IdParams,
      responses: { 204: 'Revoked.', 404: 'No pending invitation with this id.' },
    },
    async ({ c, db, org, who, params }) => {
      const [revoked] = await db.batch([
        db
          .update(invitations)
          .set({ revokedAt: new Date() })
          .where(
            org.where(
              invitations,
              eq(invitations.id, params.id),
              isNull(invitations.acceptedAt),
              isNull(invitations.revokedAt),
            ),
          )
          .returning({ id: invitations.id }),
        auditEntry(
          db,
          c,
          who,
          {
            orgId: org.orgId,
            action: 'invitation.revoked',
            targetType: 'invitation',
            targetId: params.id,
          },
          { onlyIfChanged: true },
        ),
      ]);
      if (!revoked[0]) throw notFound('Pending invitation');
      return c.body(null, 204);
    },
  )
  .get(
    '/invitations/:token',
    {
      summary: 'What an invitation link offers (for the accept page)',
      auth: 'public',
      limit: 'auth',
      params: InvitationTokenParams,
      responses: {
        200: { description: 'The invitation.', schema: InvitationPreview },
        404: 'Unknown link.',
      },
    },
    async ({ c, db, params }) => {
      const row = await findByToken(db, params.token);
      if (!row) throw notFound('Invitation');
      return c.json({
        org: { name: row.orgName },
        email: row.email,
        role: row.role,
        invitedBy: row.invitedByName,
        expiresAt: row.expiresAt,
        status: invitationStatus(row),
      });
    },
  )
  .post(
    '/invitations/:token/accept',
    {
      summary: 'Accept an invitation as the signed-in person it was sent to',
      auth: 'user',
      params: InvitationTokenParams,
      responses: {
        200: {
          description: 'Now a member; switch to the org to act in it.',
          schema: InvitationAccepted,
        },
        403: 'Signed in with another e-mail.',
        404: 'Unknown link.',
        409: 'Already used.',
        410: 'Expired or revoked.',
      },
    },
    async ({ c, db, who, params }) => {
      const invitation = await findByToken(db, params.token);
      if (!invitation) throw notFound('Invitation');
      const status = invitationStatus(invitation);
      if (status === 'accepted') throw conflict('This invitation has already been used.');
      if (status !== 'pending')
        throw new Problem(410, 'Gone', `This invitation has been ${status}. Ask for a new one.`);
      const user = await db.select().from(users).where(eq(users.id, who.userId)).get();
      if (!user || user.email !== invitation.email)
        throw forbidden(`This invitation is for ${invitation.email}. Sign in with that e-mail.`);

      const now = new Date();
      const stillPending = and(
        eq(invitations.id, invitation.id),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, now),
      );
      // Membership first (only while the invitation is pending), then the invitation is spent;
      // a concurrent second accept finds it spent and changes nothing.
      const [, spent] = await db.batch([
        db
          .insert(members)
          .select(
            db
              .select({
                orgId: invitations.orgId,
                userId: sql<string>`${user.id}`.as('user_id'),
                role: invitations.role,
                createdAt: sql<Date>`${now.getTime()}`.as('created_at'),
              })
              .from(invitations)
              .where(stillPending),
          )
          .onConflictDoNothing(),
        db
          .update(invitations)
          .set({ acceptedAt: now, acceptedBy: user.id })
          .where(stillPending)
          .returning({ id: invitations.id }),
        auditEntry(
          db,
          c,
          who,
          {
            orgId: invitation.orgId,
            action: 'invitation.accepted',
            targetType: 'member',
            targetId: user.id,
            data: { role: invitation.role, invitationId: invitation.id },
          },
          { onlyIfChanged: true },
        ),
      ]);
      if (!spent[0]) throw conflict('This invitation has already been used.');
      return c.json({
        org: { id: invitation.orgId, name: invitation.orgName },
        role: invitation.role,
      });
    },
  );
