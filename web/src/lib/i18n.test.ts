import { describe, expect, it, vi } from 'vitest';
import { FIRST_LOAD } from '../i18n/load.ts';
import { loadMessages, t } from './i18n.ts';

describe('dictionaries loaded by need', () => {
  it('come with the first load only for the public pages', () => {
    expect(Object.keys(FIRST_LOAD).sort()).toEqual(['auth', 'common', 'shell']);
    expect(t('auth.signIn')).toBe('Entrar');
  });

  it('read as empty, never as a code, until loaded; then t finds the words', async () => {
    const report = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(t('audit.title')).toBe('');
    expect(report).toHaveBeenCalledOnce();
    await loadMessages('audit', 'members');
    expect(t('audit.title')).toBe('Auditoria');
    expect(t('members.title')).toBe('Membros');
    report.mockRestore();
  });

  it('still name an unknown key of a loaded domain by its key', async () => {
    await loadMessages('audit');
    expect(t('audit.action_made_up' as 'audit.title')).toBe('audit.action_made_up');
  });
});
