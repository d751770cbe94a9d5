import { describe, expect, it } from 'vitest';
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
