/** @module Inputs for sign-up, sign-in and sessions. */
import * as v from 'valibot';
import { Email, Name, Uuid } from './common.ts';

export const Password = v.pipe(
  v.string('Enter a password.'),
  v.minLength(1, 'Enter a password.'),
  v.maxLength(200, 'Use at most 200 characters.'),
);

export const RegisterInput = v.object({
  email: Email,
  password: Password,
  name: Name('Name'),
  orgName: Name('Organization name'),
});

export const LoginInput = v.object({ email: Email, password: Password });

export const SwitchOrgInput = v.object({ orgId: Uuid });

export const GoogleCallbackQuery = v.object({
  code: v.optional(v.pipe(v.string(), v.maxLength(4096))),
  state: v.optional(v.pipe(v.string(), v.maxLength(512))),
  error: v.optional(v.pipe(v.string(), v.maxLength(256))),
});
