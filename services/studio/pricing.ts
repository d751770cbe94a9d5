/**
 * @module From usage to credits, as pure functions: the price row in force at a moment, the cost of
 * a usage under a row (integer nano-USD), and credits under the org plan's markup, rounded up.
 * A charge records the row's version id, so it can always be explained later.
 */

import type { PriceRow } from '../../providers/ai/price-book.ts';
import type { Usage } from '../../schema/studio.ts';

/** One credit buys US$0.01 of provider cost before markup. */
export const NANO_USD_PER_CREDIT = 10_000_000;

/** The margin on provider cost per plan (ids of schema/billing-catalog.ts), in basis points. */
export const PLAN_MARKUP_BPS: Record<string, number> = {
  free: 5000,
  starter: 4000,
  agency: 2000,
};

/** Plans not (yet) listed pay the free plan's markup rather than nothing. */
export const markupFor = (plan: string) => PLAN_MARKUP_BPS[plan] ?? PLAN_MARKUP_BPS.free!;

export const priceVersionId = (row: Pick<PriceRow, 'provider' | 'model' | 'version'>) =>
  `${row.provider}/${row.model}@${row.version}`;

const utcDate = (at: Date) => at.toISOString().slice(0, 10);

/** The row for provider and model in force at `at`: the latest version not after that day. */
export function priceAt(
  book: readonly PriceRow[],
  provider: string,
  model: string,
  at: Date,
): PriceRow | undefined {
  const day = utcDate(at);
  let found: PriceRow | undefined;
  for (const row of book) {
    if (row.provider !== provider || row.model !== model || row.version > day) continue;
    if (!found || row.version > found.version) found = row;
  }
  return found;
}

/** The exact row a stored version id names, whatever has been added since. */
export const priceByVersion = (book: readonly PriceRow[], versionId: string) =>
  book.find((row) => priceVersionId(row) === versionId);

export class UnpricedUsage extends Error {}

function rate(row: PriceRow, unit: string, price: number | undefined): number {
  if (price === undefined)
    throw new UnpricedUsage(`${priceVersionId(row)} has no price per ${unit}.`);
  return price;
}

/** The cost of `usage` under `row`, in nano-USD; fractions of a nano-dollar round up. */
export function costNanoUsd(row: PriceRow, usage: Usage): number {
  let cost = 0;
  if (usage.inputTokens) cost += usage.inputTokens * rate(row, 'input token', row.inputToken);
  if (usage.outputTokens) cost += usage.outputTokens * rate(row, 'output token', row.outputToken);
  if (usage.images) {
    const size = usage.imageSize ?? '';
    cost += usage.images * rate(row, `image of ${size || 'unknown size'}`, row.image?.[size]);
  }
  if (usage.characters) cost += usage.characters * rate(row, 'character', row.character);
  if (usage.seconds) {
    // Audio is billed by the millisecond so a 2.001 s clip does not pay for 3 s; rounding to the
    // microsecond first keeps float noise (0.18 s = 180.00000000000003 ms) from adding one.
    const ms = Math.ceil(Math.round(usage.seconds * 1e6) / 1000);
    cost += Math.ceil((ms * rate(row, 'second', row.second)) / 1000);
  }
  return cost;
}

/** Credits for a cost under a markup, rounded up: any cost above zero is at least one credit. */
export function creditsFor(costNano: number, markupBps: number): number {
  if (!Number.isInteger(costNano) || costNano < 0) throw new RangeError('cost must be >= 0');
  const numerator = BigInt(costNano) * BigInt(10_000 + markupBps);
  const denominator = BigInt(10_000) * BigInt(NANO_USD_PER_CREDIT);
  return Number((numerator + denominator - 1n) / denominator);
}

/** Credits a usage costs under a row and markup. */
export const creditsForUsage = (row: PriceRow, usage: Usage, markupBps: number) =>
  creditsFor(costNanoUsd(row, usage), markupBps);

/**
 * "One generation" as a person pictures it, for the price table: a text of about 250 words from a
 * short prompt (200 tokens in, 400 out), one image of each size, a minute of speech (900
 * characters at ~15 spoken per second, for voices priced by the character).
 */
export const TYPICAL_TEXT_USAGE: Usage = { inputTokens: 200, outputTokens: 400 };
export const SPEECH_MINUTE_CHARACTERS = 900;

/** Credits for one typical generation of each kind a row prices; null for kinds it does not. */
export function creditsPerGeneration(row: PriceRow, markupBps: number) {
  const credits = (usage: Usage) => creditsForUsage(row, usage, markupBps);
  return {
    text:
      row.inputToken !== undefined && row.outputToken !== undefined
        ? credits(TYPICAL_TEXT_USAGE)
        : null,
    image: row.image
      ? Object.fromEntries(
          Object.keys(row.image).map((size) => [size, credits({ images: 1, imageSize: size })]),
        )
      : null,
    speechMinute:
      row.second !== undefined
        ? credits({ seconds: 60 })
        : row.character !== undefined
          ? credits({ characters: SPEECH_MINUTE_CHARACTERS })
          : null,
  };
}
