/**
 * @module Answers of the AI studio: estimates, generations, templates, settings and prices.
 */
import * as v from 'valibot';
import { JOB_STATUSES } from '../jobs.ts';
import { CACHE_POLICIES, MODALITIES } from '../studio.ts';
import { Details, Id, Int, Items, Page, Timestamp } from './common.ts';

const Modality = v.picklist(MODALITIES);
const Locale = v.picklist(['pt-BR', 'en']);

export const Estimate = v.strictObject({
  credits: Int,
  prompt: v.string(),
  chain: v.array(
    v.strictObject({
      provider: v.string(),
      model: v.string(),
      priceVersion: v.string(),
      estimatedCredits: Int,
    }),
  ),
});

export const GenerationAccepted = v.strictObject({
  id: Id,
  jobId: Id,
  status: v.picklist(JOB_STATUSES),
  creditsHeld: Int,
});

export const Generation = v.strictObject({
  id: Id,
  jobId: v.nullable(Id),
  modality: Modality,
  prompt: v.string(),
  templateId: v.nullable(v.string()),
  /** The model parameters sent, by modality (size, voice, temperature…). */
  params: Details,
  status: v.picklist(JOB_STATUSES),
  progress: Int,
  error: v.nullable(v.string()),
  provider: v.nullable(v.string()),
  model: v.nullable(v.string()),
  cached: v.boolean(),
  creditsHeld: Int,
  creditsCharged: v.nullable(Int),
  priceVersion: v.nullable(v.string()),
  favorite: v.boolean(),
  /** Null until the first output is stored; text generations carry their text. */
  output: v.nullable(
    v.strictObject({
      mimeType: v.nullable(v.string()),
      bytes: v.nullable(Int),
      text: v.nullable(v.string()),
      url: v.string(),
    }),
  ),
  createdAt: Timestamp,
});

export const Generations = Page(Generation);

const TemplateVariable = v.strictObject({
  name: v.string(),
  label: v.string(),
  kind: v.picklist(['text', 'longText', 'number', 'choice']),
  required: v.boolean(),
  maxLength: v.optional(Int),
  min: v.optional(v.number()),
  max: v.optional(v.number()),
  options: v.optional(v.array(v.string())),
});

/** A built-in template (id like `instagram-caption.pt-BR`, no `createdAt`) or the org's own. */
export const Template = v.strictObject({
  id: v.string(),
  builtIn: v.boolean(),
  name: v.string(),
  description: v.string(),
  modality: Modality,
  locale: Locale,
  prompt: v.string(),
  variables: v.array(TemplateVariable),
  createdAt: v.optional(Timestamp),
});

export const Templates = Items(Template);

const ByModality = <S extends v.GenericSchema>(schema: S) =>
  v.strictObject({
    text: v.optional(schema),
    image: v.optional(schema),
    speech: v.optional(schema),
  });

export const StudioSettings = v.strictObject({
  chains: ByModality(v.array(v.string())),
  cachePolicy: v.picklist(CACHE_POLICIES),
  cacheTtlHours: Int,
  providers: v.array(
    v.strictObject({
      id: v.string(),
      label: v.string(),
      modalities: v.array(Modality),
      models: ByModality(v.array(v.string())),
      voices: v.array(v.string()),
      needsKey: v.boolean(),
      keySet: v.boolean(),
      keyLast4: v.nullable(v.string()),
      baseUrl: v.nullable(v.string()),
      customBaseUrl: v.boolean(),
      usable: v.boolean(),
    }),
  ),
});

const Nano = v.nullable(v.number());
const Credits = v.nullable(Int);
const BySize = v.nullable(v.record(v.string(), v.number()));

export const Prices = v.strictObject({
  plan: v.string(),
  markupBps: Int,
  nanoUsdPerCredit: v.number(),
  rows: v.array(
    v.strictObject({
      versionId: v.string(),
      provider: v.string(),
      model: v.string(),
      version: v.string(),
      current: v.boolean(),
      currency: v.string(),
      nanoUsd: v.strictObject({
        inputToken: Nano,
        outputToken: Nano,
        image: BySize,
        character: Nano,
        second: Nano,
      }),
      perGeneration: v.strictObject({
        text: Credits,
        image: v.nullable(v.record(v.string(), Int)),
        speechMinute: Credits,
      }),
      credits: v.strictObject({
        per1kInputTokens: Credits,
        per1kOutputTokens: Credits,
        perImage: v.nullable(v.record(v.string(), Credits)),
        per1kCharacters: Credits,
        perMinute: Credits,
      }),
    }),
  ),
});
