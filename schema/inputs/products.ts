/** @module Inputs for products: entry by hand, CSV import, scouting, qualification and its rules. */
import * as v from 'valibot';
import { PRODUCT_STATUSES } from '../../domain/ads/vocabulary.ts';
import { JsonObject, PageQuery } from './common.ts';

const MinorAmount = (label: string) =>
  v.pipe(
    v.number(`${label} must be a number (minor units, e.g. cents).`),
    v.integer(`${label} must be a whole number of minor units.`),
    v.minValue(0, `${label} cannot be negative.`),
    v.maxValue(1_000_000_000, `${label} is too large.`),
  );

/** ISO 4217 codes of the currencies our markets sell in. */
export const CURRENCIES = [
  'BRL',
  'USD',
  'EUR',
  'ARS',
  'CLP',
  'COP',
  'MXN',
  'PEN',
  'UYU',
  'GBP',
] as const;
export const Currency = v.picklist(CURRENCIES, `currency is one of: ${CURRENCIES.join(', ')}.`);

/** Category slugs as the allow-list spells them: lower case, digits and hyphens. */
export const CategorySlug = v.pipe(
  v.string('category must be text.'),
  v.trim(),
  v.toLowerCase(),
  v.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'category is a slug such as kitchen or pet-toys.'),
  v.maxLength(60, 'category must be at most 60 characters.'),
);

const Keyword = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(60));
const ImageRef = v.pipe(
  v.string('Each image is a URL.'),
  v.trim(),
  v.maxLength(2000, 'An image URL must be at most 2000 characters.'),
  v.url('Each image is an http(s) URL.'),
  v.check((url) => /^https?:\/\//i.test(url), 'Each image is an http(s) URL.'),
);

export const ProductSignalsInput = v.strictObject({
  monthlyOrders: v.optional(
    v.nullable(v.pipe(v.number(), v.integer(), v.minValue(0, 'monthlyOrders cannot be negative.'))),
  ),
  rating: v.optional(
    v.nullable(
      v.pipe(v.number(), v.minValue(0, 'rating is 0–5.'), v.maxValue(5, 'rating is 0–5.')),
    ),
  ),
  competingAds: v.optional(
    v.nullable(v.pipe(v.number(), v.integer(), v.minValue(0, 'competingAds cannot be negative.'))),
  ),
});

const productFields = {
  title: v.pipe(
    v.string('title is required.'),
    v.trim(),
    v.minLength(1, 'title is required.'),
    v.maxLength(200, 'title must be at most 200 characters.'),
  ),
  description: v.optional(
    v.pipe(v.string(), v.trim(), v.maxLength(5000, 'description is at most 5000 characters.')),
    '',
  ),
  images: v.optional(v.pipe(v.array(ImageRef), v.maxLength(20, 'At most 20 images.')), []),
  supplierCostMinor: MinorAmount('supplierCostMinor'),
  marketPriceMinor: MinorAmount('marketPriceMinor'),
  currency: v.optional(Currency, 'BRL'),
  category: CategorySlug,
  keywords: v.optional(v.pipe(v.array(Keyword), v.maxLength(30, 'At most 30 keywords.')), []),
  signals: v.optional(JsonObject(ProductSignalsInput, 'signals'), {}),
};

export const ProductInput = v.strictObject(productFields);
export type ProductInput = v.InferOutput<typeof ProductInput>;

/** Any subset of the fields; the product is judged again when it next qualifies. */
export const ProductPatch = v.partial(ProductInput);

export const ProductListQuery = v.object({
  ...PageQuery.entries,
  status: v.optional(v.picklist(PRODUCT_STATUSES, 'status is scouted, qualified or rejected.')),
  q: v.optional(v.pipe(v.string(), v.maxLength(100))),
});

/** A person's verdict; the note is required when it overrides the rules' verdict. */
export const ProductDecisionInput = v.strictObject({
  note: v.optional(
    v.pipe(v.string(), v.trim(), v.maxLength(500, 'note is at most 500 characters.')),
  ),
});

export const MAX_CSV_ROWS = 1000;
export const ProductImportInput = v.strictObject({
  csv: v.pipe(
    v.string('csv is the file’s text.'),
    v.minLength(1, 'The CSV is empty.'),
    v.maxLength(900_000, 'The CSV must be at most 900 KB; split larger files.'),
  ),
  /** Judge each imported product at once (default), or leave them scouted. */
  qualify: v.optional(v.boolean('qualify is true or false.'), true),
});

export const ScoutInput = JsonObject(
  v.strictObject({
    source: v.optional(v.picklist(['sandbox'], 'source must be one of: sandbox.'), 'sandbox'),
    query: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(100)), ''),
    category: v.optional(CategorySlug),
    limit: v.optional(
      v.pipe(
        v.number(),
        v.integer(),
        v.minValue(1, 'limit is 1–50.'),
        v.maxValue(50, 'limit is 1–50.'),
      ),
      10,
    ),
    qualify: v.optional(v.boolean('qualify is true or false.'), true),
  }),
  'body',
);

const Percent = (label: string, max = 100) =>
  v.pipe(
    v.number(`${label} must be a number.`),
    v.integer(`${label} must be a whole number.`),
    v.minValue(0, `${label} cannot be negative.`),
    v.maxValue(max, `${label} must be at most ${max}.`),
  );
const Weight = (label: string) => Percent(label, 1000);

/** The org's qualification rules; what is left out keeps the default. */
export const ViabilitySettingsInput = v.pipe(
  JsonObject(
    v.strictObject({
      minScore: v.optional(Percent('minScore')),
      weights: v.optional(
        v.pipe(
          JsonObject(
            v.strictObject({
              conversionPotential: Weight('weights.conversionPotential'),
              competition: Weight('weights.competition'),
              margin: Weight('weights.margin'),
            }),
            'weights',
          ),
          v.check(
            (w) => w.conversionPotential + w.competition + w.margin > 0,
            'At least one weight must be positive.',
          ),
        ),
      ),
      minMarginPercent: v.optional(Percent('minMarginPercent', 95)),
      fullMarginPercent: v.optional(Percent('fullMarginPercent', 99)),
      allowedCategories: v.optional(
        v.pipe(v.array(CategorySlug), v.maxLength(200, 'At most 200 categories.')),
      ),
      blockedTerms: v.optional(
        v.pipe(
          v.array(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(80))),
          v.maxLength(500, 'At most 500 blocked terms.'),
        ),
      ),
      prices: v.optional(
        v.pipe(
          JsonObject(
            v.strictObject({
              minMinor: MinorAmount('prices.minMinor'),
              maxMinor: MinorAmount('prices.maxMinor'),
              maxMarkupPercent: v.pipe(
                v.number(),
                v.integer(),
                v.minValue(101, 'prices.maxMarkupPercent must be above 100.'),
              ),
              impulsePriceMinor: v.pipe(MinorAmount('prices.impulsePriceMinor'), v.minValue(1)),
            }),
            'prices',
          ),
          v.forward(
            v.check((p) => p.minMinor <= p.maxMinor, 'prices.maxMinor must be at least minMinor.'),
            ['maxMinor'],
          ),
        ),
      ),
    }),
    'body',
  ),
  v.forward(
    v.check(
      (s) =>
        s.minMarginPercent === undefined ||
        s.fullMarginPercent === undefined ||
        s.fullMarginPercent > s.minMarginPercent,
      'fullMarginPercent must be above minMarginPercent.',
    ),
    ['fullMarginPercent'],
  ),
);
export type ViabilitySettingsInput = v.InferOutput<typeof ViabilitySettingsInput>;
