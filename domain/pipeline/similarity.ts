/**
 * @module Fuzzy name matching for duplicate suggestions: accent-folded, punctuation-free text
 * compared with Jaro-Winkler (good at typos and short names) over words in sorted order (so
 * "Silva, Ana" meets "Ana Silva").
 */

/** Lower-case, accents removed ("José" → "jose"), punctuation to spaces, spaces collapsed. */
export function foldText(text: string | null | undefined): string {
  return (text ?? '')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Legal-form words that say nothing about which company it is. */
const COMPANY_NOISE = new Set([
  'ltda',
  'me',
  'mei',
  'epp',
  'eireli',
  'sa',
  's',
  'a',
  'cia',
  'grupo',
  'inc',
  'llc',
  'ltd',
  'co',
  'company',
  'comercio',
  'servicos',
  'de',
  'da',
  'do',
  'dos',
  'das',
  'e',
]);

export function foldCompany(company: string | null | undefined): string {
  return foldText(company)
    .split(' ')
    .filter((w) => w && !COMPANY_NOISE.has(w))
    .join(' ');
}

/** Jaro-Winkler similarity in [0, 1]; 1 means identical. */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return a ? 1 : 0;
  if (!a || !b) return 0;
  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  const aMatched = new Array<boolean>(a.length).fill(false);
  const bMatched = new Array<boolean>(b.length).fill(false);
  let matches = 0;
  for (let i = 0; i < a.length; i++) {
    const from = Math.max(0, i - window);
    const to = Math.min(b.length - 1, i + window);
    for (let j = from; j <= to; j++) {
      if (bMatched[j] || a[i] !== b[j]) continue;
      aMatched[i] = bMatched[j] = true;
      matches++;
      break;
    }
  }
  if (!matches) return 0;
  let transpositions = 0;
  for (let i = 0, j = 0; i < a.length; i++) {
    if (!aMatched[i]) continue;
    while (!bMatched[j]) j++;
    if (a[i] !== b[j]) transpositions++;
    j++;
  }
  const jaro =
    (matches / a.length + matches / b.length + (matches - transpositions / 2) / matches) / 3;
  let prefix = 0;
  while (prefix < 4 && prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

const sortedWords = (folded: string) => folded.split(' ').sort().join(' ');

/** Similarity of two already-folded texts: the better of as-written and word-sorted order. */
export function textSimilarity(a: string, b: string): number {
  if (!a || !b) return 0;
  return Math.max(jaroWinkler(a, b), jaroWinkler(sortedWords(a), sortedWords(b)));
}
