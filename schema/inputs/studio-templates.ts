/**
 * @module Marketing templates: the built-in ones (pt-BR and en), the valibot schema of a template's
 * variables (the same one checks the web form and the API), and rendering a prompt from values.
 */
import * as v from 'valibot';
import type { Modality, TemplateVariable } from '../studio.ts';

type Locale = 'pt-BR' | 'en';
type Localized = Record<Locale, string>;

interface BuiltInVariable {
  name: string;
  kind: TemplateVariable['kind'];
  required: boolean;
  label: Localized;
  maxLength?: number;
  min?: number;
  max?: number;
  options?: Record<Locale, string[]>;
}

interface BuiltInTemplate {
  key: string;
  modality: Modality;
  name: Localized;
  description: Localized;
  prompt: Localized;
  variables: BuiltInVariable[];
}

/** A template as the API lists it: one locale, built-in or the org's own. */
export interface StudioTemplate {
  id: string;
  builtIn: boolean;
  name: string;
  description: string;
  modality: Modality;
  locale: Locale;
  prompt: string;
  variables: TemplateVariable[];
}

const tone = {
  name: 'tone',
  kind: 'choice',
  required: true,
  label: { 'pt-BR': 'Tom', en: 'Tone' },
  options: {
    'pt-BR': ['descontraído', 'profissional', 'inspirador', 'urgente'],
    en: ['casual', 'professional', 'inspiring', 'urgent'],
  },
} as const satisfies BuiltInVariable;

const product = {
  name: 'product',
  kind: 'text',
  required: true,
  maxLength: 120,
  label: { 'pt-BR': 'Produto ou serviço', en: 'Product or service' },
} as const satisfies BuiltInVariable;

const audience = {
  name: 'audience',
  kind: 'text',
  required: true,
  maxLength: 160,
  label: { 'pt-BR': 'Público', en: 'Audience' },
} as const satisfies BuiltInVariable;

const BUILT_INS: BuiltInTemplate[] = [
  {
    key: 'instagram-caption',
    modality: 'text',
    name: { 'pt-BR': 'Legenda para Instagram', en: 'Instagram caption' },
    description: {
      'pt-BR': 'Legenda curta com emojis, chamada para ação e hashtags.',
      en: 'A short caption with emojis, a call to action and hashtags.',
    },
    prompt: {
      'pt-BR':
        'Escreva uma legenda para Instagram sobre {{product}} para {{audience}}, em tom {{tone}}. Use até 3 emojis, termine com a chamada "{{callToAction}}" e inclua 5 hashtags relevantes em português.',
      en: 'Write an Instagram caption about {{product}} for {{audience}}, in a {{tone}} tone. Use up to 3 emojis, end with the call to action "{{callToAction}}" and add 5 relevant hashtags.',
    },
    variables: [
      product,
      audience,
      tone,
      {
        name: 'callToAction',
        kind: 'text',
        required: true,
        maxLength: 80,
        label: { 'pt-BR': 'Chamada para ação', en: 'Call to action' },
      },
    ],
  },
  {
    key: 'ad-headlines',
    modality: 'text',
    name: { 'pt-BR': 'Títulos de anúncio', en: 'Ad headline set' },
    description: {
      'pt-BR': 'Várias opções de título para testar em anúncios.',
      en: 'Several headline options to A/B test in ads.',
    },
    prompt: {
      'pt-BR':
        'Crie {{count}} títulos de anúncio para {{platform}} sobre {{product}}. Destaque o benefício: {{benefit}}. Cada título com no máximo 40 caracteres, numerados, sem repetir a mesma abertura.',
      en: 'Write {{count}} ad headlines for {{platform}} about {{product}}. Lead with the benefit: {{benefit}}. Each at most 40 characters, numbered, no two starting the same way.',
    },
    variables: [
      product,
      {
        name: 'benefit',
        kind: 'longText',
        required: true,
        maxLength: 500,
        label: { 'pt-BR': 'Principal benefício', en: 'Main benefit' },
      },
      {
        name: 'count',
        kind: 'number',
        required: true,
        min: 3,
        max: 10,
        label: { 'pt-BR': 'Quantidade', en: 'How many' },
      },
      {
        name: 'platform',
        kind: 'choice',
        required: true,
        label: { 'pt-BR': 'Plataforma', en: 'Platform' },
        options: {
          'pt-BR': ['Meta (Facebook e Instagram)', 'Google Ads'],
          en: ['Meta (Facebook and Instagram)', 'Google Ads'],
        },
      },
    ],
  },
  {
    key: 'product-description',
    modality: 'text',
    name: { 'pt-BR': 'Descrição de produto', en: 'Product description' },
    description: {
      'pt-BR': 'Texto de página de produto ou marketplace.',
      en: 'Copy for a product page or marketplace listing.',
    },
    prompt: {
      'pt-BR':
        'Escreva uma descrição {{length}} de {{product}} para {{audience}}. Características: {{features}}. Transforme as características em benefícios e termine com um convite à compra.',
      en: 'Write a {{length}} description of {{product}} for {{audience}}. Features: {{features}}. Turn the features into benefits and end with an invitation to buy.',
    },
    variables: [
      product,
      {
        name: 'features',
        kind: 'longText',
        required: true,
        maxLength: 1500,
        label: { 'pt-BR': 'Características', en: 'Features' },
      },
      audience,
      {
        name: 'length',
        kind: 'choice',
        required: true,
        label: { 'pt-BR': 'Tamanho', en: 'Length' },
        options: { 'pt-BR': ['curta', 'média', 'longa'], en: ['short', 'medium', 'long'] },
      },
    ],
  },
  {
    key: 'whatsapp-follow-up',
    modality: 'text',
    name: { 'pt-BR': 'Follow-up no WhatsApp', en: 'WhatsApp follow-up' },
    description: {
      'pt-BR': 'Mensagem curta para retomar a conversa com um lead.',
      en: 'A short message to pick the conversation back up with a lead.',
    },
    prompt: {
      'pt-BR':
        'Escreva uma mensagem de WhatsApp para {{customerName}}, em tom {{tone}}, retomando a conversa sobre: {{context}}. Ofereça: {{offer}}. No máximo 3 frases curtas, sem parecer robô, e termine com uma pergunta.',
      en: 'Write a WhatsApp message to {{customerName}}, in a {{tone}} tone, following up on: {{context}}. Offer: {{offer}}. At most 3 short sentences, sounding human, ending with a question.',
    },
    variables: [
      {
        name: 'customerName',
        kind: 'text',
        required: true,
        maxLength: 80,
        label: { 'pt-BR': 'Nome do cliente', en: 'Customer name' },
      },
      {
        name: 'context',
        kind: 'longText',
        required: true,
        maxLength: 1000,
        label: { 'pt-BR': 'O que foi conversado', en: 'What you talked about' },
      },
      {
        name: 'offer',
        kind: 'text',
        required: true,
        maxLength: 160,
        label: { 'pt-BR': 'Oferta', en: 'Offer' },
      },
      tone,
    ],
  },
  {
    key: 'blog-outline',
    modality: 'text',
    name: { 'pt-BR': 'Roteiro de post para blog', en: 'Blog post outline' },
    description: {
      'pt-BR': 'Estrutura de artigo com títulos e tópicos, pensada para SEO.',
      en: 'An article structure with headings and points, SEO-minded.',
    },
    prompt: {
      'pt-BR':
        'Monte o roteiro de um post de blog sobre {{topic}} para {{audience}}, otimizado para a palavra-chave "{{keyword}}". Título, introdução e {{sections}} seções com subtítulos e 3 tópicos cada, e uma conclusão com chamada para ação.',
      en: 'Outline a blog post about {{topic}} for {{audience}}, optimized for the keyword "{{keyword}}". A title, an introduction and {{sections}} sections with subheadings and 3 points each, and a conclusion with a call to action.',
    },
    variables: [
      {
        name: 'topic',
        kind: 'text',
        required: true,
        maxLength: 160,
        label: { 'pt-BR': 'Tema', en: 'Topic' },
      },
      {
        name: 'keyword',
        kind: 'text',
        required: true,
        maxLength: 80,
        label: { 'pt-BR': 'Palavra-chave', en: 'Keyword' },
      },
      audience,
      {
        name: 'sections',
        kind: 'number',
        required: true,
        min: 3,
        max: 12,
        label: { 'pt-BR': 'Seções', en: 'Sections' },
      },
    ],
  },
  {
    key: 'voice-over-script',
    modality: 'text',
    name: { 'pt-BR': 'Roteiro de locução', en: 'Voice-over script' },
    description: {
      'pt-BR': 'Texto para ser narrado em vídeo ou spot de áudio.',
      en: 'A script to be read over a video or an audio spot.',
    },
    prompt: {
      'pt-BR':
        'Escreva um roteiro de locução de {{seconds}} segundos sobre {{product}}, em tom {{tone}}, para ser lido em voz alta: frases curtas, fáceis de pronunciar, sem emojis nem hashtags. Termine com: {{callToAction}}.',
      en: 'Write a {{seconds}}-second voice-over script about {{product}}, in a {{tone}} tone, to be read aloud: short sentences, easy to pronounce, no emojis or hashtags. End with: {{callToAction}}.',
    },
    variables: [
      product,
      tone,
      {
        name: 'seconds',
        kind: 'number',
        required: true,
        min: 10,
        max: 120,
        label: { 'pt-BR': 'Duração (segundos)', en: 'Length (seconds)' },
      },
      {
        name: 'callToAction',
        kind: 'text',
        required: true,
        maxLength: 80,
        label: { 'pt-BR': 'Chamada final', en: 'Closing call to action' },
      },
    ],
  },
];

export const BUILT_IN_LOCALES: Locale[] = ['pt-BR', 'en'];

/** Built-in templates in one locale; ids are `<key>.<locale>`, e.g. `instagram-caption.pt-BR`. */
export function builtInTemplates(locale: Locale): StudioTemplate[] {
  return BUILT_INS.map((t) => ({
    id: `${t.key}.${locale}`,
    builtIn: true,
    name: t.name[locale],
    description: t.description[locale],
    modality: t.modality,
    locale,
    prompt: t.prompt[locale],
    variables: t.variables.map((x) => ({
      name: x.name,
      label: x.label[locale],
      kind: x.kind,
      required: x.required,
      ...(x.maxLength === undefined ? {} : { maxLength: x.maxLength }),
      ...(x.min === undefined ? {} : { min: x.min }),
      ...(x.max === undefined ? {} : { max: x.max }),
      ...(x.options ? { options: x.options[locale] } : {}),
    })),
  }));
}

export const builtInTemplate = (id: string): StudioTemplate | undefined =>
  BUILT_IN_LOCALES.flatMap(builtInTemplates).find((t) => t.id === id);

/** The valibot schema of a template's variables; form and API validate with the same one. */
export function variablesSchema(variables: TemplateVariable[]) {
  const entries: Record<string, v.GenericSchema> = {};
  for (const x of variables) {
    let schema: v.GenericSchema;
    if (x.kind === 'number') {
      const checks: v.PipeItem<number, number, v.BaseIssue<unknown>>[] = [
        v.integer(`${x.label} must be a whole number.`),
      ];
      if (x.min !== undefined)
        checks.push(v.minValue(x.min, `${x.label} must be at least ${x.min}.`));
      if (x.max !== undefined)
        checks.push(v.maxValue(x.max, `${x.label} must be at most ${x.max}.`));
      schema = v.pipe(v.number(`${x.label} must be a number.`), ...checks);
    } else if (x.kind === 'choice') {
      const options = x.options ?? [];
      schema = v.picklist(options, `${x.label} must be one of: ${options.join(', ')}.`);
    } else {
      const max = x.maxLength ?? (x.kind === 'longText' ? 4000 : 200);
      const text = v.pipe(
        v.string(`${x.label} must be text.`),
        v.trim(),
        v.maxLength(max, `${x.label} must be at most ${max} characters.`),
      );
      schema = x.required ? v.pipe(text, v.minLength(1, `${x.label} is required.`)) : text;
    }
    entries[x.name] = x.required ? schema : v.optional(schema);
  }
  return v.strictObject(entries, 'Unknown template variable.');
}

/**
 * The prompt with each `{{name}}` replaced by its value. An optional variable left empty is
 * removed together with the space before it, so no stray placeholder reaches the model.
 */
export function renderTemplate(prompt: string, values: Record<string, string | number>): string {
  return prompt
    .replace(/\s?\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g, (match, name: string) => {
      const value = values[name];
      if (value === undefined || value === '') return '';
      return match.startsWith('{') ? String(value) : `${match[0]}${value}`;
    })
    .trim();
}
