import { beforeAll, describe, expect, it, vi } from 'vitest';
import { FIRST_LOAD } from '../i18n/load.ts';
import {
  codeLabel,
  formatDaysFrom,
  formatNumber,
  formatPercent,
  formatRatio,
  formatRelative,
  humanize,
  loadMessages,
  pluralForm,
  t,
  tp,
} from './i18n.ts';

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

describe('plurals', () => {
  beforeAll(() => loadMessages('campaigns'));

  const has =
    (...keys: string[]) =>
    (key: string) =>
      keys.includes(key);

  it('pick the form Intl.PluralRules names, in each language', () => {
    const forms = has('x_one', 'x_other');
    expect(pluralForm('x', 1, forms, 'pt-BR')).toBe('x_one');
    expect(pluralForm('x', 2, forms, 'pt-BR')).toBe('x_other');
    expect(pluralForm('x', 1, forms, 'en')).toBe('x_one');
    expect(pluralForm('x', 1_000_000, forms, 'en')).toBe('x_other');
  });

  it('say "0 créditos" (CLDR files 0 under Portuguese one), or use a zero form when written', () => {
    expect(pluralForm('x', 0, has('x_one', 'x_other'), 'pt-BR')).toBe('x_other');
    expect(pluralForm('x', 0, has('x_zero', 'x_one', 'x_other'), 'pt-BR')).toBe('x_zero');
  });

  it('fall back to the other form when the language has a category the dictionary lacks', () => {
    expect(pluralForm('x', 2, has('x_one', 'x_other'), 'pt-BR')).toBe('x_other');
  });

  it('fill the count in the pt-BR dictionary: "1 campo precisa", "3 campos precisam"', () => {
    expect(tp('campaigns.publishInvalid', 1)).toMatch(/^1 campo precisa /);
    expect(tp('campaigns.publishInvalid', 3)).toMatch(/^3 campos precisam /);
    expect(tp('shell.credits', 1)).toBe('1 crédito');
    expect(tp('shell.credits', 1234)).toBe('1.234 créditos');
    expect(tp('shell.credits', 0)).toBe('0 créditos');
  });
});

describe('numbers', () => {
  it('use the language’s separators', () => {
    expect(formatNumber(1234.5, undefined, 'pt-BR')).toBe('1.234,5');
    expect(formatNumber(1234.5, undefined, 'en')).toBe('1,234.5');
  });

  it('write percents from ratios: "margem 78,8%"', () => {
    expect(formatPercent(0.788, 1, 'pt-BR')).toBe('78,8%');
    expect(formatPercent(0.788, 1, 'en')).toBe('78.8%');
    expect(formatPercent(0.7, 1, 'pt-BR')).toBe('70%');
    expect(formatPercent(0.01234, 2, 'pt-BR')).toBe('1,23%');
  });

  it('write multiples such as ROAS: "1,5×"', () => {
    expect(formatRatio(1.5, 2, 'pt-BR')).toBe('1,5×');
    expect(formatRatio(1.5, 2, 'en')).toBe('1.5×');
    expect(formatRatio(2.345, 2, 'pt-BR')).toBe('2,35×');
  });
});

describe('relative dates', () => {
  // Local times: calendar days are the browser's.
  const now = new Date(2026, 11, 7, 15, 0, 0);
  const at = (day: number, hour: number, minute = 0) => new Date(2026, 11, day, hour, minute);

  it('say "agora", minutes, and hours within the same day', () => {
    expect(formatRelative(new Date(2026, 11, 7, 14, 59, 30), now, 'pt-BR')).toBe('agora');
    expect(formatRelative(at(7, 14, 55), now, 'pt-BR')).toBe('há 5 minutos');
    expect(formatRelative(at(7, 9), now, 'pt-BR')).toBe('há 6 horas');
    expect(formatRelative(at(7, 9), now, 'en')).toBe('6 hours ago');
  });

  it('say "ontem" for yesterday whatever the hour, never "há 0 dias"', () => {
    expect(formatRelative(at(6, 23, 30), now, 'pt-BR')).toBe('ontem');
    expect(formatRelative(at(6, 1), now, 'pt-BR')).toBe('ontem');
    expect(formatRelative(at(5, 20), now, 'pt-BR')).toBe('anteontem');
    expect(formatRelative(at(6, 1), now, 'en')).toBe('yesterday');
  });

  it('count calendar days, then weeks and months', () => {
    expect(formatRelative(at(3, 16), now, 'pt-BR')).toBe('há 4 dias');
    expect(formatRelative(at(1, 16), now, 'pt-BR')).toBe('há 6 dias');
    expect(formatRelative(new Date(2026, 10, 20), now, 'pt-BR')).toBe('há 2 semanas');
    expect(formatRelative(new Date(2026, 8, 1), now, 'pt-BR')).toBe('há 3 meses');
  });

  it('word a distance in days: "hoje", "ontem", "amanhã"', () => {
    expect(formatDaysFrom(0, 'pt-BR')).toBe('hoje');
    expect(formatDaysFrom(-1, 'pt-BR')).toBe('ontem');
    expect(formatDaysFrom(1, 'pt-BR')).toBe('amanhã');
    expect(formatDaysFrom(-3, 'pt-BR')).toBe('há 3 dias');
    expect(formatDaysFrom(0, 'en')).toBe('today');
  });
});

describe('codes', () => {
  beforeAll(() => loadMessages('products'));

  it('have their words from the dictionary, or are made readable', () => {
    expect(codeLabel('products.category_', 'fashion-accessories')).toBe('Acessórios de moda');
    expect(codeLabel('shell.job_', 'studio.generate')).toBe('Geração no estúdio');
    expect(codeLabel('products.category_', 'pet-toys')).toBe('Pet toys');
    expect(humanize('lead_import')).toBe('Lead import');
  });
});
