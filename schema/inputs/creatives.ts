/** @module Inputs for creatives: generating a set for a product, adding and editing one. */
import * as v from 'valibot';
import { CREATIVE_STYLES } from '../../domain/ads/vocabulary.ts';
import { LOCALES } from './orgs.ts';

const Count = (label: string, min: number, max: number, fallback: number) =>
  v.optional(
    v.pipe(
      v.number(`${label} must be a number.`),
      v.integer(`${label} must be a whole number.`),
      v.minValue(min, `${label} is ${min}–${max}.`),
      v.maxValue(max, `${label} is ${min}–${max}.`),
    ),
    fallback,
  );

/** Body texts always come in the three styles; headlines, CTAs and images are counted. */
export const GenerateCreativesInput = v.strictObject({
  locale: v.optional(v.picklist(LOCALES, 'locale must be pt-BR or en.'), 'pt-BR'),
  headlines: Count('headlines', 1, 10, 5),
  ctas: Count('ctas', 1, 5, 3),
  images: Count('images', 0, 4, 2),
});

/** Longest text per kind: what the ad platforms accept. */
export const CREATIVE_TEXT_LIMITS = { headline: 40, body: 2000, cta: 25 } as const;

const CreativeText = v.pipe(
  v.string('text must be text.'),
  v.trim(),
  v.minLength(1, 'text cannot be empty.'),
  v.maxLength(
    CREATIVE_TEXT_LIMITS.body,
    `text is at most ${CREATIVE_TEXT_LIMITS.body} characters.`,
  ),
);
const Style = v.nullable(
  v.picklist(CREATIVE_STYLES, 'style is informative, urgency or social_proof.'),
);

export const CreativeInput = v.pipe(
  v.strictObject({
    kind: v.picklist(['headline', 'body', 'cta'], 'kind is headline, body or cta.'),
    style: v.optional(Style, null),
    text: CreativeText,
  }),
  v.forward(
    v.check(
      (c) => c.kind === 'body' || c.text.length <= CREATIVE_TEXT_LIMITS[c.kind],
      'This text is too long for its kind (headline 40, cta 25).',
    ),
    ['text'],
  ),
);

export const CreativePatch = v.strictObject({
  text: v.optional(CreativeText),
  style: v.optional(Style),
});
