/** @module Inputs for the AI studio: generations, estimates, history, settings and templates. */
import * as v from 'valibot';
import { CACHE_POLICIES, MODALITIES } from '../studio.ts';
import { JsonObject, Name, PageQuery } from './common.ts';
import { LOCALES } from './orgs.ts';

export const ModalityInput = v.picklist(
  MODALITIES,
  `modality must be one of: ${MODALITIES.join(', ')}.`,
);

const Prompt = v.pipe(
  v.string('prompt must be text.'),
  v.trim(),
  v.minLength(1, 'Write a prompt.'),
  v.maxLength(8000, 'The prompt must be at most 8000 characters.'),
);

/** Every modality's parameters in one object; the ones a modality does not use are refused. */
const GenerationParamEntries = v.strictObject({
  maxTokens: v.optional(
    v.pipe(
      v.number('maxTokens must be a number.'),
      v.integer('maxTokens must be a whole number.'),
      v.minValue(16, 'maxTokens must be at least 16.'),
      v.maxValue(4000, 'maxTokens must be at most 4000.'),
    ),
  ),
  temperature: v.optional(
    v.pipe(
      v.number('temperature must be a number.'),
      v.minValue(0, 'temperature must be at least 0.'),
      v.maxValue(2, 'temperature must be at most 2.'),
    ),
  ),
  system: v.optional(
    v.pipe(v.string(), v.maxLength(2000, 'system must be at most 2000 characters.')),
  ),
  size: v.optional(v.pipe(v.string(), v.regex(/^\d{2,4}x\d{2,4}$/, 'size looks like 1024x1024.'))),
  voice: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(64))),
});
export const GenerationParams = JsonObject(GenerationParamEntries, 'params');
export type GenerationParams = v.InferOutput<typeof GenerationParamEntries>;

/** Template variables as the form sends them: text, or numbers for number variables. */
export const TemplateValues = JsonObject(
  v.record(
    v.pipe(v.string(), v.maxLength(40)),
    v.union([v.pipe(v.string(), v.maxLength(4000)), v.number()], 'Each value is text or a number.'),
  ),
  'variables',
);

const ProviderName = v.pipe(
  v.string('provider must be text.'),
  v.minLength(1),
  v.maxLength(40, 'provider must be at most 40 characters.'),
);

/**
 * A generation (and its estimate). The prompt is written, or rendered from a template's
 * `variables`; a template's rendered prompt may also be edited and sent as `prompt`.
 */
export const GenerationInput = v.pipe(
  v.object({
    modality: ModalityInput,
    prompt: v.optional(Prompt),
    provider: v.optional(ProviderName),
    model: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(100))),
    params: v.optional(GenerationParams, {}),
    templateId: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(100))),
    variables: v.optional(TemplateValues),
  }),
  v.forward(
    v.partialCheck(
      [['prompt'], ['variables'], ['templateId']],
      (input) => input.prompt !== undefined || input.variables !== undefined,
      'Write a prompt, or fill in a template.',
    ),
    ['prompt'],
  ),
  v.forward(
    v.partialCheck(
      [['prompt'], ['variables']],
      (input) => !(input.prompt !== undefined && input.variables !== undefined),
      'Send either a prompt or template variables, not both.',
    ),
    ['variables'],
  ),
  v.forward(
    v.partialCheck(
      [['variables'], ['templateId']],
      (input) => input.variables === undefined || input.templateId !== undefined,
      'Template variables need a templateId.',
    ),
    ['templateId'],
  ),
  v.forward(
    v.partialCheck(
      [['model'], ['provider']],
      (input) => input.model === undefined || input.provider !== undefined,
      'Choose the provider of this model.',
    ),
    ['provider'],
  ),
);
export type GenerationInput = v.InferOutput<typeof GenerationInput>;

export const GenerationListQuery = v.object({
  ...PageQuery.entries,
  modality: v.optional(ModalityInput),
  favorite: v.optional(v.picklist(['true', 'false'], 'favorite must be true or false.')),
  q: v.optional(
    v.pipe(v.string(), v.trim(), v.maxLength(200, 'q must be at most 200 characters.')),
  ),
});

export const FavoriteInput = v.object({ favorite: v.boolean('favorite must be true or false.') });

const ProviderList = v.pipe(
  v.array(ProviderName, 'A chain is a list of providers.'),
  v.maxLength(6, 'A chain has at most 6 providers.'),
);

const ProviderKeyInput = v.object({
  /** A new key, or null to clear it. Never returned by the API. */
  apiKey: v.optional(
    v.nullable(
      v.pipe(
        v.string(),
        v.trim(),
        v.minLength(8, 'The key looks too short.'),
        v.maxLength(400, 'The key is too long.'),
      ),
    ),
  ),
  /** An endpoint of the org's own, or null for the provider's default. */
  baseUrl: v.optional(
    v.nullable(
      v.pipe(
        v.string(),
        v.trim(),
        v.maxLength(300),
        v.url('baseUrl must be a URL.'),
        v.regex(/^https?:\/\//, 'baseUrl must start with https://.'),
      ),
    ),
  ),
});

export const StudioSettingsInput = v.pipe(
  v.object({
    chains: v.optional(
      JsonObject(
        v.strictObject({
          text: v.optional(ProviderList),
          image: v.optional(ProviderList),
          speech: v.optional(ProviderList),
        }),
        'chains',
      ),
    ),
    cachePolicy: v.optional(
      v.picklist(CACHE_POLICIES, `cachePolicy must be one of: ${CACHE_POLICIES.join(', ')}.`),
    ),
    cacheTtlHours: v.optional(
      v.pipe(
        v.number(),
        v.integer('cacheTtlHours must be a whole number.'),
        v.minValue(1, 'cacheTtlHours must be at least 1.'),
        v.maxValue(720, 'cacheTtlHours must be at most 720 (30 days).'),
      ),
    ),
    providers: v.optional(
      JsonObject(v.record(v.pipe(v.string(), v.maxLength(40)), ProviderKeyInput), 'providers'),
    ),
  }),
  v.check(
    (o) => Object.values(o).some((x) => x !== undefined),
    'Send at least one setting to change.',
  ),
);

export const TEMPLATE_VARIABLE_KINDS = ['text', 'longText', 'number', 'choice'] as const;

export const TemplateVariableInput = v.pipe(
  v.object({
    name: v.pipe(
      v.string(),
      v.regex(/^[A-Za-z][A-Za-z0-9_]{0,39}$/, 'Names are letters, digits and _ (max 40).'),
    ),
    label: Name('Label', 80),
    kind: v.picklist(TEMPLATE_VARIABLE_KINDS, 'kind must be text, longText, number or choice.'),
    required: v.optional(v.boolean(), true),
    maxLength: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(4000))),
    min: v.optional(v.pipe(v.number(), v.integer())),
    max: v.optional(v.pipe(v.number(), v.integer())),
    options: v.optional(
      v.pipe(v.array(Name('Option', 80)), v.minLength(1), v.maxLength(20, 'At most 20 options.')),
    ),
  }),
  v.forward(
    v.check((x) => x.kind !== 'choice' || !!x.options?.length, 'A choice needs options.'),
    ['options'],
  ),
);

const placeholders = (prompt: string) =>
  [...prompt.matchAll(/\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g)].map((m) => m[1]!);

const templateFields = {
  name: Name('Template name', 80),
  modality: ModalityInput,
  locale: v.picklist(LOCALES, 'locale must be pt-BR or en.'),
  prompt: v.pipe(
    v.string(),
    v.trim(),
    v.minLength(1, 'Write the template prompt.'),
    v.maxLength(8000, 'The prompt must be at most 8000 characters.'),
  ),
  variables: v.pipe(
    v.array(TemplateVariableInput, 'variables is a list.'),
    v.maxLength(20, 'At most 20 variables.'),
    v.check(
      (vars) => new Set(vars.map((x) => x.name)).size === vars.length,
      'Variable names must be unique.',
    ),
  ),
};

/** Every `{{placeholder}}` in the prompt must be a declared variable. */
export const TemplateInput = v.pipe(
  v.object(templateFields),
  v.forward(
    v.partialCheck(
      [['prompt'], ['variables']],
      (t) => placeholders(t.prompt).every((p) => t.variables.some((x) => x.name === p)),
      'Every {{placeholder}} in the prompt must be one of the variables.',
    ),
    ['prompt'],
  ),
);

/** A change; the route checks the merged template with `TemplateInput`. */
export const TemplatePatch = v.pipe(
  v.partial(v.object(templateFields)),
  v.check(
    (o) => Object.values(o).some((x) => x !== undefined),
    'Send at least one field to change.',
  ),
);

export const TemplateListQuery = v.object({
  locale: v.optional(v.picklist(LOCALES, 'locale must be pt-BR or en.')),
  modality: v.optional(ModalityInput),
});
