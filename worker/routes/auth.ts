/**
 * @module Accounts and sessions: register, sign in, refresh, sign out, switch org, and `/me`.
 * Sign-in failures never say whether the e-mail exists, and take the same time either way.
 */

import { asc, eq } from 'drizzle-orm';
import { newId } from '../../domain/ids.ts';
import { auditEntry } from '../../platform/audit.ts';
import { isUniqueViolation } from '../../platform/db.ts';
import { conflict, forbidden, invalid, unauthorized } from '../../platform/problem.ts';
import { users } from '../../schema/accounts.ts';
import { LoginInput, RegisterInput, SwitchOrgInput } from '../../schema/inputs/accounts.ts';
import { members, orgs } from '../../schema/orgs.ts';
import { Me, Session } from '../../schema/outputs/accounts.ts';
import { newOrgStatements } from '../../services/accounts/orgs.ts';
import {
  decoyHash,
  hashPassword,
  passwordWeakness,
  verifyPassword,
} from '../../services/accounts/passwords.ts';
import {
  lastActiveOrgId,
  mintRefreshToken,
  resolveMembership,
  revokeByToken,
  rotateRefreshToken,
  sessionBody,
} from '../../services/accounts/sessions.ts';
import { grantWelcomeCredits } from '../../services/credits/ledger-client.ts';
import {
  clearRefreshCookie,
  readRefreshCookie,
  setRefreshCookie,
} from '../middleware/refresh-cookie.ts';
import { Routes } from '../router.ts';

const SessionResponse = {
  description: 'Signed in: an access token (15 min) and a refresh cookie.',
  schema: Session,
};

export const authRoutes = new Routes('Auth')
  .post(
    '/auth/register',
    {
      summary: 'Create an account and its first organization',
      auth: 'public',
      limit: 'auth',
      body: RegisterInput,
      responses: {
        201: SessionResponse,
        409: 'The e-mail is already registered.',
        422: 'Invalid input.',
      },
    },
    async ({ c, env, db, body }) => {
      const weakness = passwordWeakness(body.password, body.email);
      if (weakness) throw invalid([weakness]);
      const emailTaken = conflict('An account with this e-mail already exists. Sign in instead.', [
        { path: 'email', message: 'Already registered.' },
      ]);
      const existing = await db
        .select({ id: users.id })
        .from(users)
        .where(eq(users.email, body.email))
        .get();
      if (existing) throw emailTaken;

      const user = {
        id: newId(),
        email: body.email,
        name: body.name,
        passwordHash: await hashPassword(body.password),
      };
      const { org, statements } = await newOrgStatements(db, body.orgName, user.id);
      const session = await mintRefreshToken(db, { userId: user.id, orgId: org.id });
      try {
        await db.batch([
          db.insert(users).values(user),
          ...statements,
          session.insert,
          auditEntry(
            db,
            c,
            { kind: 'user', userId: user.id, activeOrgId: org.id },
            {
              orgId: org.id,
              action: 'org.created',
              targetType: 'org',
              targetId: org.id,
              data: { name: org.name },
            },
          ),
        ]);
      } catch (err) {
        // Two sign-ups with one e-mail at once: the unique index lets exactly one through.
        if (isUniqueViolation(err)) throw emailTaken;
        throw err;
      }
      await grantWelcomeCredits(env, org.id);
      setRefreshCookie(c, session.token);
      const row = await db.select().from(users).where(eq(users.id, user.id)).get();
      return c.json(await sessionBody(env.JWT_SECRET, row!, { org, role: 'owner' }), 201);
    },
  )
  .post(
    '/auth/login',
    {
      summary: 'Sign in with e-mail and password',
      auth: 'public',
      limit: 'auth',
      body: LoginInput,
      responses: { 200: SessionResponse, 401: 'E-mail or password is incorrect.' },
    },
    async ({ c, env, db, body }) => {
      const user = await db.select().from(users).where(eq(users.email, body.email)).get();
      const ok = await verifyPassword(body.password, user?.passwordHash ?? (await decoyHash()));
      if (!user?.passwordHash || !ok) throw unauthorized('E-mail or password is incorrect.');
      const membership = await resolveMembership(db, user.id, await lastActiveOrgId(db, user.id));
      const session = await mintRefreshToken(db, {
        userId: user.id,
        orgId: membership?.org.id ?? '',
      });
      await session.insert;
      setRefreshCookie(c, session.token);
      return c.json(await sessionBody(env.JWT_SECRET, user, membership));
    },
  )
  .post(
    '/auth/refresh',
    {
      summary: 'Trade the refresh cookie for a new access token (the cookie rotates)',
      description:
        'A refresh token works once. Presenting one that was already used revokes every token of that sign-in. Without a refresh cookie the answer is 204: nobody is signed in on this browser, which the app asks at every start and which is not an error.',
      auth: 'public',
      responses: {
        200: SessionResponse,
        204: 'No refresh cookie was sent: nobody is signed in here.',
        401: 'The refresh cookie is invalid, expired, revoked or already used.',
      },
    },
    async ({ c, env, db }) => {
      const presented = readRefreshCookie(c);
      if (!presented) return c.body(null, 204);
      const rotated = await rotateRefreshToken(db, presented);
      const user = rotated
        ? await db.select().from(users).where(eq(users.id, rotated.userId)).get()
        : undefined;
      if (!rotated || !user) {
        clearRefreshCookie(c);
        throw unauthorized('Your session has ended. Sign in again.');
      }
      setRefreshCookie(c, rotated.token);
      const membership = await resolveMembership(db, user.id, rotated.orgId);
      return c.json(await sessionBody(env.JWT_SECRET, user, membership));
    },
  )
  .post(
    '/auth/logout',
    {
      summary: 'Sign out: revokes this sign-in’s refresh tokens',
      auth: 'public',
      responses: { 204: 'Signed out.' },
    },
    async ({ c, db }) => {
      const presented = readRefreshCookie(c);
      if (presented) await revokeByToken(db, presented);
      clearRefreshCookie(c);
      return c.body(null, 204);
    },
  )
  .post(
    '/auth/switch-org',
    {
      summary: 'Act in another organization you belong to',
      auth: 'user',
      body: SwitchOrgInput,
      responses: { 200: SessionResponse, 403: 'Not a member of that organization.' },
    },
    async ({ c, env, db, body, who }) => {
      const membership = await resolveMembership(db, who.userId, body.orgId);
      if (membership?.org.id !== body.orgId)
        throw forbidden('You are not a member of that organization.');
      const presented = readRefreshCookie(c);
      const rotated = presented ? await rotateRefreshToken(db, presented, body.orgId) : null;
      if (rotated) setRefreshCookie(c, rotated.token);
      const user = await db.select().from(users).where(eq(users.id, who.userId)).get();
      if (!user) throw unauthorized();
      return c.json(await sessionBody(env.JWT_SECRET, user, membership));
    },
  )
  .get(
    '/me',
    {
      summary: 'The signed-in person, their memberships and the active organization',
      auth: 'user',
      responses: { 200: { description: 'The current user.', schema: Me } },
    },
    async ({ c, db, who }) => {
      const [user, memberships] = await Promise.all([
        db
          .select({ id: users.id, email: users.email, name: users.name, locale: users.locale })
          .from(users)
          .where(eq(users.id, who.userId))
          .get(),
        db
          .select({
            org: { id: orgs.id, name: orgs.name, slug: orgs.slug },
            role: members.role,
          })
          .from(members)
          .innerJoin(orgs, eq(orgs.id, members.orgId))
          .where(eq(members.userId, who.userId))
          .orderBy(asc(orgs.name)),
      ]);
      if (!user) throw unauthorized();
      const active = memberships.find((m) => m.org.id === who.activeOrgId) ?? null;
      return c.json({
        user,
        memberships,
        activeOrg: active ? { ...active.org, role: active.role } : null,
      });
    },
  );
