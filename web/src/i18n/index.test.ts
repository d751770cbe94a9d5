import { describe, expect, it } from 'vitest';
import { DEFAULT_VIABILITY_SETTINGS } from '../../../domain/ads/viability.ts';
import { AD_PLACEMENTS, AD_PLATFORMS } from '../../../domain/ads/vocabulary.ts';
import { PLAN_IDS } from '../../../domain/credits/catalog.ts';
import { CREDIT_REASONS } from '../../../domain/credits/entries.ts';
import { API_KEY_SCOPES } from '../../../domain/permissions.ts';
import { PROVIDER_IDS } from '../../../providers/ai/catalog.ts';
import { AUDIT_ACTIONS } from '../../../schema/inputs/audit.ts';
import { LOCALES, messagesFor } from './index.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('dictionaries', () => {
  const [main, ...others] = LOCALES.map((locale) => ({ locale, messages: messagesFor(locale) }));

  it('give every locale the same keys', () => {
    for (const other of others)
      expect(Object.keys(other.messages).sort()).toEqual(Object.keys(main!.messages).sort());
  });

  it('have no empty strings', () => {
    for (const { locale, messages } of [main!, ...others])
      for (const [key, text] of Object.entries(messages))
        expect(text.trim(), `${locale} ${key}`).not.toBe('');
  });

  it('use the same {placeholders} for one key in every locale', () => {
    for (const other of others)
      for (const [key, text] of Object.entries(main!.messages))
        expect(placeholders(other.messages[key as keyof typeof other.messages]), key).toEqual(
          placeholders(text),
        );
  });
});

/** The key `codeLabel(prefix, code)` reads (web/src/lib/i18n.ts). */
const keyOf = (prefix: string, code: string) => `${prefix}${code.replace(/[^A-Za-z0-9]+/g, '_')}`;

describe('codes the server sends', () => {
  const families: [string, string, readonly string[]][] = [
    ['audit actions', 'audit.action_', AUDIT_ACTIONS],
    ['API key scopes', 'apiKeys.scope_', API_KEY_SCOPES],
    ['credit reasons', 'credits.reason_', Object.keys(CREDIT_REASONS)],
    ['plans', 'common.plan_', ['free', ...PLAN_IDS]],
    ['AI providers', 'studio.provider_', PROVIDER_IDS],
    ['ad platforms', 'campaigns.platform_', AD_PLATFORMS],
    ['ad placements', 'campaigns.placement_', Object.values(AD_PLACEMENTS).flat()],
    ['product categories', 'products.category_', DEFAULT_VIABILITY_SETTINGS.allowedCategories],
  ];

  it.each(families)('have words in every locale: %s', (_, prefix, codes) => {
    for (const locale of LOCALES) {
      const messages = messagesFor(locale) as Record<string, string>;
      const missing = codes.filter((code) => !(keyOf(prefix, code) in messages));
      expect(missing, `${locale} ${prefix}`).toEqual([]);
    }
  });
});

describe('plural texts', () => {
  it('always have an `_other` form beside a `_one`', () => {
    for (const locale of LOCALES) {
      const keys = Object.keys(messagesFor(locale));
      const stems = keys.filter((k) => k.endsWith('_one')).map((k) => k.slice(0, -4));
      for (const stem of stems) expect(keys, `${locale} ${stem}`).toContain(`${stem}_other`);
    }
  });
});
