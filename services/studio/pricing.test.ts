import { describe, expect, it } from 'vitest';
import { PLANS } from '../../domain/credits/catalog.ts';
import { PRICE_BOOK, type PriceRow } from '../../providers/ai/price-book.ts';
import type { Usage } from '../../schema/studio.ts';
import {
  costNanoUsd,
  creditsFor,
  creditsForUsage,
  creditsPerGeneration,
  markupFor,
  PLAN_MARKUP_BPS,
  priceAt,
  priceByVersion,
  priceVersionId,
  UnpricedUsage,
} from './pricing.ts';

const text: PriceRow = {
  provider: 'p',
  model: 'm',
  version: '2026-01-01',
  currency: 'USD',
  inputToken: 150,
  outputToken: 600,
};
const image: PriceRow = {
  provider: 'p',
  model: 'img',
  version: '2026-01-01',
  currency: 'USD',
  image: { '1024x1024': 42_000_000, '1024x1536': 63_000_000 },
};
const voice: PriceRow = {
  provider: 'p',
  model: 'voice',
  version: '2026-01-01',
  currency: 'USD',
  second: 1_000_000,
  character: 300_000,
};

describe('costNanoUsd', () => {
  it.each<[string, PriceRow, Usage, number]>([
    ['nothing used costs nothing', text, {}, 0],
    ['input tokens only', text, { inputTokens: 1000 }, 150_000],
    ['input and output tokens', text, { inputTokens: 37, outputTokens: 512 }, 37 * 150 + 512 * 600],
    ['one square image', image, { images: 1, imageSize: '1024x1024' }, 42_000_000],
    ['two tall images', image, { images: 2, imageSize: '1024x1536' }, 126_000_000],
    ['whole seconds', voice, { seconds: 3 }, 3_000_000],
    ['a fraction of a second is billed by the millisecond', voice, { seconds: 2.0011 }, 2_002_000],
    ['characters', voice, { characters: 1234 }, 1234 * 300_000],
  ])('%s', (_, row, usage, expected) => {
    expect(costNanoUsd(row, usage)).toBe(expected);
  });

  it.each<[string, PriceRow, Usage]>([
    ['tokens on an image model', image, { inputTokens: 10 }],
    ['an image size the model does not offer', image, { images: 1, imageSize: '512x512' }],
    ['an image without a size', image, { images: 1 }],
    ['seconds on a token model', text, { seconds: 1 }],
  ])('refuses usage the row does not price: %s', (_, row, usage) => {
    expect(() => costNanoUsd(row, usage)).toThrow(UnpricedUsage);
  });
});

describe('creditsFor', () => {
  it.each([
    // [cost in nano-USD, markup bps, credits]
    [0, 5000, 0],
    [1, 0, 1], // any cost at all is at least one credit
    [10_000_000, 0, 1], // exactly one credit's worth
    [10_000_001, 0, 2], // a hair over rounds up
    [10_000_000, 5000, 2], // +50% of 1 credit = 1.5 → 2
    [20_000_000, 5000, 3], // 2 × 1.5 = 3 exactly
    [42_000_000, 3000, 6], // 4.2 × 1.3 = 5.46 → 6
    [6_666_667, 5000, 2], // 0.6666667 × 1.5 = 1.00000005 → 2
    [6_666_666, 5000, 1], // 0.6666666 × 1.5 = 0.9999999 → 1
    [9_000_000_000_000, 5000, 1_350_000], // large costs stay exact (no float drift)
  ])('%i nano-USD at %i bps is %i credits', (cost, markup, credits) => {
    expect(creditsFor(cost, markup)).toBe(credits);
  });

  it('refuses negative or fractional costs', () => {
    expect(() => creditsFor(-1, 0)).toThrow(RangeError);
    expect(() => creditsFor(1.5, 0)).toThrow(RangeError);
  });

  it('every plan on sale has its own markup', () => {
    for (const plan of PLANS) expect(PLAN_MARKUP_BPS, plan.id).toHaveProperty(plan.id);
  });

  it('charges unknown plans the free markup', () => {
    expect(markupFor('free')).toBe(5000);
    expect(markupFor('agency')).toBe(2000);
    expect(markupFor('no-such-plan')).toBe(5000);
  });

  it('credits for usage combine cost and markup', () => {
    expect(creditsForUsage(image, { images: 1, imageSize: '1024x1024' }, 5000)).toBe(7); // 6.3 → 7
  });
});

describe('price versions', () => {
  const book: PriceRow[] = [
    { ...text, version: '2026-01-01', inputToken: 100 },
    { ...text, version: '2026-06-01', inputToken: 200 },
    { ...text, version: '2026-12-01', inputToken: 300 },
    { ...text, model: 'other', version: '2026-03-01', inputToken: 999 },
  ];

  it.each([
    ['2025-12-31T23:59:59Z', undefined],
    ['2026-01-01T00:00:00Z', 100],
    ['2026-05-31T23:59:59Z', 100],
    ['2026-06-01T00:00:00Z', 200],
    ['2026-11-30T12:00:00Z', 200],
    ['2027-02-01T00:00:00Z', 300],
  ])('at %s the input price is %s', (at, price) => {
    expect(priceAt(book, 'p', 'm', new Date(at))?.inputToken).toBe(price);
  });

  it('a charge keeps the version it used after a new price is added', () => {
    const chargedAt = new Date('2026-07-01T00:00:00Z');
    const used = priceAt(book, 'p', 'm', chargedAt)!;
    const version = priceVersionId(used);
    const before = creditsForUsage(used, { inputTokens: 1_000_000 }, 0);
    const later = [...book, { ...text, version: '2026-07-01', inputToken: 5000 }];
    // Recomputing the stored charge from its version gives the same credits…
    expect(creditsForUsage(priceByVersion(later, version)!, { inputTokens: 1_000_000 }, 0)).toBe(
      before,
    );
    // …while new usage from that day on pays the new price.
    expect(priceAt(later, 'p', 'm', chargedAt)?.inputToken).toBe(5000);
    expect(version).toBe('p/m@2026-06-01');
  });
});

describe('the price book', () => {
  it('has one row per provider, model and version', () => {
    const ids = PRICE_BOOK.map(priceVersionId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('holds only whole, non-negative nano-USD amounts', () => {
    for (const row of PRICE_BOOK) {
      const amounts = [
        row.inputToken,
        row.outputToken,
        row.character,
        row.second,
        ...Object.values(row.image ?? {}),
      ].filter((x) => x !== undefined);
      expect(amounts.length, priceVersionId(row)).toBeGreaterThan(0);
      for (const amount of amounts) expect(Number.isSafeInteger(amount) && amount >= 0).toBe(true);
      expect(row.version).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });
});

describe('creditsPerGeneration (the price table, free plan markup)', () => {
  const row = (provider: string, model: string) =>
    PRICE_BOOK.find((r) => r.provider === provider && r.model === model)!;
  it.each([
    ['sandbox', 'sandbox-writer', { text: 1, image: null, speechMinute: null }],
    ['openai', 'gpt-4.1', { text: 1, image: null, speechMinute: null }],
    ['sandbox', 'sandbox-painter', { text: null, image: { '512x512': 2, '1024x1024': 3 } }],
    ['openai', 'gpt-image-1', { image: { '1024x1024': 7, '1024x1536': 10, '1536x1024': 10 } }],
    // Priced by the second: 60 s.
    ['sandbox', 'sandbox-voice', { text: null, image: null, speechMinute: 9 }],
    // Priced by the character: 900 characters.
    ['openai', 'tts-1', { speechMinute: 3 }],
    ['elevenlabs', 'eleven_multilingual_v2', { speechMinute: 41 }],
    ['elevenlabs', 'eleven_flash_v2_5', { speechMinute: 21 }],
  ])('%s %s', (provider, model, expected) => {
    expect(creditsPerGeneration(row(provider, model), PLAN_MARKUP_BPS.free!)).toMatchObject(
      expected,
    );
  });

  it('a cheaper plan pays fewer credits for the same generation', () => {
    const voice = row('elevenlabs', 'eleven_multilingual_v2');
    expect(creditsPerGeneration(voice, PLAN_MARKUP_BPS.agency!).speechMinute).toBeLessThan(
      creditsPerGeneration(voice, PLAN_MARKUP_BPS.free!).speechMinute!,
    );
  });
});
