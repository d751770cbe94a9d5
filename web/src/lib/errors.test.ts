import { describe, expect, it } from 'vitest';
import { ApiError } from './api.ts';
import { describeError, fieldErrorsOf } from './errors.ts';
import { loadMessages } from './i18n.ts';

describe('describeError', () => {
  it('translates messages the API is known to send', async () => {
    await loadMessages('members'); // As the members page does, where these errors happen.
    const refused = new ApiError(403, 'Forbidden', 'Your role (viewer) does not allow this.');
    expect(describeError(refused)).toBe(
      'Seu papel nesta organização não permite esta ação. Peça a um administrador.',
    );
    const lastOwner = new ApiError(
      409,
      'Conflict',
      'An organization must keep at least one owner. Make someone else owner first.',
    );
    expect(describeError(lastOwner)).toMatch(/pelo menos um proprietário/);
  });

  it('falls back on the status for messages it does not know', () => {
    expect(describeError(new ApiError(0, 'Offline', 'x'))).toMatch(/Sem conexão/);
    expect(describeError(new ApiError(429, 'Too many requests', 'Try again in 60 s.'))).toMatch(
      /Muitas tentativas/,
    );
    expect(describeError(new ApiError(500, 'Internal error', 'boom'))).toMatch(/servidor/);
    expect(describeError(new Error('not from the API'))).toBe('Algo deu errado. Tente de novo.');
  });

  it('keeps an unknown 409 detail as the server wrote it', () => {
    expect(describeError(new ApiError(409, 'Conflict', 'Something specific.'))).toBe(
      'Something specific.',
    );
  });
});

describe('fieldErrorsOf', () => {
  it('maps field paths to translated messages, with numbers filled in', () => {
    const err = new ApiError(422, 'Invalid input', '', [
      { path: 'password', message: 'Use at least 10 characters.' },
      { path: 'email', message: 'Already registered.' },
      { path: 'name', message: 'Unheard-of rule.' },
    ]);
    expect(fieldErrorsOf(err)).toEqual({
      password: 'Use pelo menos 10 caracteres.',
      email: 'Já existe uma conta com este e-mail. Entre em vez de criar outra.',
      name: 'Unheard-of rule.',
    });
  });
});

describe('fieldErrorsOf with codes', () => {
  const campaignCheck = new ApiError(422, 'Invalid input', '', [
    {
      path: 'adSets',
      message: 'A campaign needs at least one ad set.',
      code: 'too_few',
      params: { min: 1 },
    },
    { path: 'adSets.0.ads.0.headline', message: 'headline is required.', code: 'required' },
    {
      path: 'adSets.0.ads.0.headline',
      message: 'headline is at most 40 characters.',
      code: 'too_long',
      params: { max: 40 },
    },
    {
      path: 'adSets.0.ads.0.body',
      message: 'body is at most 1 characters.',
      code: 'too_long',
      params: { max: 1 },
    },
    {
      path: 'adSets.0.ads.0.imageUrl',
      message: 'meta needs a public https:// URL.',
      code: 'https_required',
      params: { platform: 'meta' },
    },
  ]);

  it('words each code in the person’s language, the first problem of each field', () => {
    expect(fieldErrorsOf(campaignCheck)).toEqual({
      adSets: 'Adicione pelo menos 1 item.',
      'adSets.0.ads.0.headline': 'Campo obrigatório.',
      'adSets.0.ads.0.body': 'Use no máximo 1 caractere.',
      'adSets.0.ads.0.imageUrl': 'meta needs a public https:// URL.',
    });
  });

  it('lets a page word its own fields and codes', () => {
    const fields = fieldErrorsOf(campaignCheck, {
      'adSets:too_few': () => 'A campanha precisa de um conjunto.',
      https_required: (p) => `${p.platform}: use https://`,
    });
    expect(fields.adSets).toBe('A campanha precisa de um conjunto.');
    expect(fields['adSets.0.ads.0.imageUrl']).toBe('meta: use https://');
    expect(fields['adSets.0.ads.0.headline']).toBe('Campo obrigatório.');
  });
});
