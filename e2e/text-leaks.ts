/**
 * What must never show on a pt-BR page, found in its visible text: English (the English
 * dictionary's own sentences, or a line of words only English uses), raw codes (dotted, snake_case,
 * camelCase and slug identifiers, `scope:names`, the enum values the code stores, ISO currency and
 * locale codes, IANA time zones, ISO timestamps), numbers in the English format ("74.5%"), plurals
 * gone wrong ("1 créditos") and "há 0 dias". Everything it knows comes from the dictionaries and
 * the code's own lists, so a new English string or enum value is caught without editing this file.
 */

import { DEFAULT_VIABILITY_SETTINGS } from '../domain/ads/viability.ts';
import {
  AD_OBJECTIVES,
  AD_PLACEMENTS,
  AD_PLATFORMS,
  CAMPAIGN_STATUSES,
  CREATIVE_STATUSES,
  PRODUCT_STATUSES,
} from '../domain/ads/vocabulary.ts';
import { AUTOPILOT_MODES } from '../domain/autopilot/settings.ts';
import { PACK_IDS, PLAN_IDS } from '../domain/credits/catalog.ts';
import { CREDIT_ENTRY_KINDS } from '../domain/credits/entries.ts';
import { CURRENCIES } from '../domain/money.ts';
import { ROLES } from '../domain/permissions.ts';
import { AI_PROVIDERS, PROVIDER_IDS } from '../providers/ai/catalog.ts';
import { PRICE_BOOK } from '../providers/ai/price-book.ts';
import { LOCALES } from '../schema/inputs/orgs.ts';
import { JOB_STATUSES } from '../schema/jobs.ts';
import { MODALITIES } from '../schema/studio.ts';
import { messagesFor } from '../web/src/i18n/index.ts';

export interface Leak {
  kind: 'english' | 'code' | 'number' | 'plural' | 'relative';
  /** The offending text. */
  found: string;
  /** The visible line it is on. */
  line: string;
}

const pt = messagesFor('pt-BR');
const en = messagesFor('en');

const WORD = /[\p{L}][\p{L}'’-]*/gu;
const words = (text: string) => text.match(WORD) ?? [];
const ptWords = new Set(Object.values(pt).flatMap(words));
const ptWordsLower = new Set([...ptWords].map((w) => w.toLowerCase()));

/** Words the English dictionary uses and the Portuguese one never does ("the", "required"). */
const englishOnlyWords = new Set(
  Object.values(en)
    .flatMap(words)
    .map((w) => w.toLowerCase())
    .filter((w) => w.length > 1 && !ptWordsLower.has(w)),
);

/**
 * The English dictionary's texts that differ from pt-BR, cut at their placeholders, keeping the
 * pieces with at least one English-only word ("Pipeline" and "E-mail" are the same in both).
 */
const englishPhrases = [
  ...new Set(
    Object.entries(en)
      .filter(([key, text]) => text !== pt[key as keyof typeof pt])
      .flatMap(([, text]) => text.split(/\{\w+\}/))
      .map((piece) => piece.replace(/\s+/g, ' ').replace(/^[\s·:,.()…—–-]+|[\s·:,()…—–-]+$/g, ''))
      .filter((piece) => words(piece).some((w) => englishOnlyWords.has(w.toLowerCase()))),
  ),
].sort((a, b) => b.length - a.length);

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const phrasePattern = (phrase: string) =>
  new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(phrase)}(?![\\p{L}\\p{N}])`, 'u');
/**
 * A phrase of one word ("Studio", "Hold") counts only as a whole line, a label or a cell of its
 * own: inside a line it may be a name ("Studio Fit", a lead's company).
 */
const englishPhrasePatterns = englishPhrases.map(
  (p) =>
    [p, words(p).length > 1 ? phrasePattern(p) : new RegExp(`^${escapeRegExp(p)}$`, 'u')] as const,
);

/**
 * Values the code stores and must be shown in words. A value that is also a Portuguese word of the
 * dictionary (as written, e.g. "meta") is left out; model names are the vendors' product names.
 */
const ENUM_VALUES = new Set(
  [
    ...CREDIT_ENTRY_KINDS,
    ...PRODUCT_STATUSES,
    ...CREATIVE_STATUSES,
    ...CAMPAIGN_STATUSES,
    ...JOB_STATUSES,
    ...ROLES,
    ...MODALITIES,
    ...PACK_IDS,
    ...PLAN_IDS,
    'free',
    ...AD_PLATFORMS,
    ...Object.values(AD_PLACEMENTS).flat(),
    ...AD_OBJECTIVES,
    ...AUTOPILOT_MODES,
    ...PROVIDER_IDS,
    ...DEFAULT_VIABILITY_SETTINGS.allowedCategories,
    ...CURRENCIES,
    ...LOCALES,
  ].filter((value) => !ptWords.has(value)),
);
const MODEL_NAMES = new Set([
  ...Object.values(AI_PROVIDERS).flatMap((p) => Object.values(p.models).flat() as string[]),
  ...PRICE_BOOK.map((row) => row.model),
]);

const EDGE_PUNCTUATION = /^[\s([{"'“‘«]+|[\s)\]}"'”’»,;:!?…]+$|\.+$/g;

/** Addresses, hashtags and an API key's own prefix (a person matches it against their key). */
function isAddress(token: string) {
  return (
    token.includes('@') ||
    /^gl_(live|test)_/.test(token) ||
    /^[a-z][a-z0-9+.-]*:\/\//i.test(token) ||
    /^www\./i.test(token) ||
    /^[a-z0-9-]+(\.[a-z0-9-]+)+\/\S*$/i.test(token) ||
    /^#/.test(token)
  );
}

/** Why a single token is a raw code, or null. */
function codeIn(token: string): string | null {
  if (ENUM_VALUES.has(token)) return 'enum value';
  if (/^[a-z][a-z0-9]*(_[a-z0-9]+)*(\.[a-z][a-z0-9_]*)+$/.test(token)) return 'dotted identifier';
  if (/[A-Za-z0-9]_[A-Za-z0-9]/.test(token)) return 'snake_case identifier';
  if (/^[a-z]+(?:[A-Z][a-z0-9]+)+$/.test(token)) return 'camelCase identifier';
  if (/^[a-z_]+:[a-z_]+$/.test(token)) return 'scope name';
  if (/^[A-Z][a-z]+\/[A-Z][A-Za-z_]+/.test(token)) return 'time zone id';
  if (/^\d{4}-\d{2}-\d{2}T\d{2}/.test(token)) return 'ISO timestamp';
  if (/^[a-z][a-z0-9]*(-[a-z0-9]+)+(\/[\w.-]+)?$/.test(token) && !ptWordsLower.has(token))
    return 'slug';
  if (/^[a-z][\w-]{2,}\/[\w.-]+$/.test(token)) return 'path-like code';
  return null;
}

/** A decimal written the English way: "74.5", "1.5×" (pt-BR: "74,5"); versions and IPs aside. */
const ENGLISH_DECIMAL = /(?<![\d.,\w])\d+\.\d{1,2}(?![\d.])/;
/** "1 créditos": a one followed by a plural whose singular the dictionary knows. */
const ONE_THEN_WORD = /(?<![\d.,])\b1 (\p{Ll}+)/gu;
const ZERO_AGO = /\b(há|em) 0 \p{L}+/gu;

function pluralAfterOne(word: string): boolean {
  if (!word.endsWith('s')) return false;
  const singulars = [word.slice(0, -1), word.slice(0, -2), `${word.slice(0, -3)}l`];
  return singulars.some((s) => s.length > 2 && ptWordsLower.has(s));
}

/**
 * Every leak in one page's visible text (`innerText`), line by line. `allow` names tokens the
 * person typed themselves (an org's address), shown as they wrote them.
 */
export function findLeaks(visibleText: string, allow: readonly string[] = []): Leak[] {
  const leaks: Leak[] = [];
  // innerText puts table cells on one line, separated by tabs: each cell is a unit of its own.
  for (const rawLine of visibleText.split(/[\n\t]/)) {
    const line = rawLine.replace(/\s+/g, ' ').trim();
    if (!line) continue;
    const add = (kind: Leak['kind'], found: string) => leaks.push({ kind, found, line });

    let english = false;
    for (const [phrase, pattern] of englishPhrasePatterns)
      if (pattern.test(line)) {
        add('english', phrase);
        english = true;
        break;
      }
    const lineWords = words(line).map((w) => w.toLowerCase());
    const foreign = [...new Set(lineWords.filter((w) => englishOnlyWords.has(w)))];
    const enough = foreign.length >= 3 || foreign.length * 2 >= new Set(lineWords).size;
    if (!english && foreign.length >= 2 && enough) add('english', foreign.join(' '));

    for (const raw of line.split(' ')) {
      const token = raw.replace(EDGE_PUNCTUATION, '');
      if (!token || allow.includes(token) || isAddress(token) || MODEL_NAMES.has(token)) continue;
      const why = codeIn(token);
      if (why) add('code', `${token} (${why})`);
      const decimal = ENGLISH_DECIMAL.exec(token);
      if (decimal) add('number', decimal[0]);
    }
    for (const match of line.matchAll(ONE_THEN_WORD))
      if (pluralAfterOne(match[1]!)) add('plural', match[0]);
    for (const match of line.matchAll(ZERO_AGO)) add('relative', match[0]);
  }
  return leaks;
}

/** "page: kind «found» in «line»", one per leak, for an assertion message. */
export function describeLeaks(where: string, leaks: Leak[]): string[] {
  return leaks.map((l) => `${where}: ${l.kind} «${l.found}» in «${l.line.slice(0, 140)}»`);
}
