/**
 * @module Answers about people and organizations: sessions, the organization and its members,
 * invitations, API keys, the audit log, jobs, alerts and room tickets.
 */
import * as v from 'valibot';
import { ROLES } from '../../domain/permissions.ts';
import { ALERT_SEVERITIES, JOB_STATUSES } from '../jobs.ts';
import { Details, Id, Int, Items, Page, Timestamp } from './common.ts';

const Role = v.picklist(ROLES);

const User = v.strictObject({
  id: Id,
  email: v.string(),
  name: v.string(),
  locale: v.string(),
});

const OrgWithRole = v.strictObject({ id: Id, name: v.string(), slug: v.string(), role: Role });

export const Session = v.strictObject({
  accessToken: v.string(),
  expiresIn: Int,
  user: User,
  org: v.nullable(OrgWithRole),
});

export const Me = v.strictObject({
  user: User,
  memberships: v.array(
    v.strictObject({
      org: v.strictObject({ id: Id, name: v.string(), slug: v.string() }),
      role: Role,
    }),
  ),
  activeOrg: v.nullable(OrgWithRole),
});

export const Org = v.strictObject({
  id: Id,
  name: v.string(),
  slug: v.string(),
  timeZone: v.string(),
  locale: v.string(),
  currency: v.string(),
  plan: v.string(),
  createdAt: Timestamp,
});

export const OrgCreated = OrgWithRole;

export const Members = Items(
  v.strictObject({
    userId: Id,
    name: v.string(),
    email: v.string(),
    role: Role,
    joinedAt: Timestamp,
  }),
);

export const MemberRole = v.strictObject({ userId: Id, role: Role });

const InvitationStatus = v.picklist(['pending', 'accepted', 'revoked', 'expired']);

export const InvitationCreated = v.strictObject({
  id: Id,
  email: v.string(),
  role: Role,
  expiresAt: Timestamp,
  token: v.string(),
  acceptUrl: v.string(),
});

export const Invitations = Items(
  v.strictObject({
    id: Id,
    email: v.string(),
    role: Role,
    expiresAt: Timestamp,
    acceptedAt: v.nullable(Timestamp),
    revokedAt: v.nullable(Timestamp),
    createdAt: Timestamp,
    status: InvitationStatus,
  }),
);

export const InvitationPreview = v.strictObject({
  org: v.strictObject({ name: v.string() }),
  email: v.string(),
  role: Role,
  invitedBy: v.string(),
  expiresAt: Timestamp,
  status: InvitationStatus,
});

export const InvitationAccepted = v.strictObject({
  org: v.strictObject({ id: Id, name: v.string() }),
  role: Role,
});

/** The key itself is in this answer only. */
export const ApiKeyCreated = v.strictObject({
  id: Id,
  name: v.string(),
  prefix: v.string(),
  scopes: v.array(v.string()),
  expiresAt: v.nullable(Timestamp),
  key: v.string(),
});

export const ApiKeys = v.strictObject({
  items: v.array(
    v.strictObject({
      id: Id,
      name: v.string(),
      prefix: v.string(),
      scopes: v.array(v.string()),
      createdAt: Timestamp,
      lastUsedAt: v.nullable(Timestamp),
      expiresAt: v.nullable(Timestamp),
      revokedAt: v.nullable(Timestamp),
    }),
  ),
  availableScopes: v.array(v.string()),
});

export const AuditLog = Page(
  v.strictObject({
    id: Id,
    orgId: Id,
    actorType: v.picklist(['user', 'api_key', 'system']),
    actorId: v.nullable(v.string()),
    action: v.string(),
    targetType: v.string(),
    targetId: v.nullable(v.string()),
    ip: v.nullable(v.string()),
    data: v.nullable(Details),
    createdAt: Timestamp,
  }),
);

export const Job = v.strictObject({
  id: Id,
  queue: v.picklist(['generation', 'messaging', 'ads', 'imports']),
  kind: v.string(),
  status: v.picklist(JOB_STATUSES),
  progress: Int,
  attempts: Int,
  /** What the job made; its members depend on `kind`. */
  result: v.nullable(Details),
  error: v.nullable(v.string()),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const Alerts = Page(
  v.strictObject({
    id: Id,
    orgId: Id,
    kind: v.string(),
    severity: v.picklist(ALERT_SEVERITIES),
    title: v.string(),
    detail: v.nullable(v.string()),
    dedupKey: v.string(),
    data: v.nullable(Details),
    readAt: v.nullable(Timestamp),
    createdAt: Timestamp,
  }),
);

export const RoomTicket = v.strictObject({ ticket: v.string(), url: v.string(), expiresIn: Int });
