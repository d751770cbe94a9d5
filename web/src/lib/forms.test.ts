import { describe, expect, it } from 'vitest';
import { RegisterInput } from '../../../schema/inputs/accounts.ts';
import { InviteInput } from '../../../schema/inputs/orgs.ts';
import { validateInput } from './forms.ts';

describe('validateInput', () => {
  it('returns the schema’s output when the input is valid', () => {
    const result = validateInput(InviteInput, { email: ' Ana@Example.COM ', role: 'viewer' });
    expect(result.output).toEqual({ email: 'ana@example.com', role: 'viewer' });
  });

  it('gives one translated message per invalid field', () => {
    const result = validateInput(RegisterInput, {
      email: 'not-an-email',
      password: '',
      name: '   ',
      orgName: 'x'.repeat(121),
    });
    expect(result.errors).toEqual({
      email: 'Informe um e-mail válido.',
      password: 'Campo obrigatório.',
      name: 'Campo obrigatório.',
      orgName: 'Use no máximo 120 caracteres.',
    });
  });

  it('says a missing field is required', () => {
    expect(validateInput(InviteInput, { email: 'a@b.co' }).errors).toEqual({
      role: 'Campo obrigatório.',
    });
  });
});
