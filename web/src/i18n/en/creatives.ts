/** English for ../pt-BR/creatives.ts: exactly its keys. */
import type { Translation } from '../define.ts';
import type words from '../pt-BR/creatives.ts';

export default {
  creatives: 'Creatives',
  generateCreatives: 'Generate creatives',
  qualifyFirst: 'Creatives are generated for qualified products.',
  generating: 'Generating…',
  generatingProgress: 'Generating creatives in the studio',
  generatingCount: '{done} of {total} creatives ready',
  creativeFailed: 'Failed (credits were returned); edit the text to use it.',
  editCreative: 'Edit creative',
  creativeImageAlt: 'Image generated for the ad',
  noCreatives: 'No creatives yet',
  noCreativesBody:
    'Generate 5 headlines, body texts in 3 styles, calls to action and images through the studio; credits are held and charged per creative.',
  headlines: 'Headlines',
  ctas: 'Calls to action',
  images: 'Images',
  bodyStyle: 'Body — {style}',
  style_informative: 'informative',
  style_urgency: 'urgency',
  style_social_proof: 'social proof',
} satisfies Translation<typeof words>;
