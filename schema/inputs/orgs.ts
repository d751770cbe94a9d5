/** @module Inputs for organizations, members, invitations and API keys. */
import * as v from 'valibot';
import { CURRENCIES } from '../../domain/money.ts';
import { ROLES } from '../../domain/permissions.ts';
import { Email, Name, Uuid } from './common.ts';

export const Role = v.picklist(ROLES, `Role must be one of: ${ROLES.join(', ')}.`);

export const LOCALES = ['pt-BR', 'en'] as const;
const TimeZone = v.pipe(
  v.string(),
  v.check((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'Unknown time zone; use an IANA name such as America/Sao_Paulo.'),
);

export const CreateOrgInput = v.object({ name: Name('Organization name') });

export const UpdateOrgInput = v.pipe(
  v.object({
    name: v.optional(Name('Organization name')),
    timeZone: v.optional(TimeZone),
    locale: v.optional(v.picklist(LOCALES, 'Locale must be pt-BR or en.')),
    currency: v.optional(
      v.picklist(CURRENCIES, `Currency must be one of: ${CURRENCIES.join(', ')}.`),
    ),
  }),
  v.check(
    (o) => Object.values(o).some((x) => x !== undefined),
    'Send at least one field to change.',
  ),
);

export const MemberParams = v.object({ userId: Uuid });
export const ChangeRoleInput = v.object({ role: Role });

export const InviteInput = v.object({ email: Email, role: Role });
export const InvitationTokenParams = v.object({
  token: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{20,100}$/, 'Malformed invitation token.')),
});

export const CreateApiKeyInput = v.object({
  name: Name('Key name', 80),
  scopes: v.pipe(
    v.array(v.string('Each scope must be a string.'), 'scopes must be a list.'),
    v.minLength(1, 'Choose at least one scope.'),
    v.maxLength(50),
  ),
  expiresInDays: v.optional(
    v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(730, 'At most 730 days.')),
    365,
  ),
});
