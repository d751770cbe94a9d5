/**
 * @module Planning a generation before anything is charged: the prompt (written or rendered from a
 * template), the parameters each modality takes, the chain of providers that can serve it, and an
 * estimate per link that errs high, so the hold covers the dearest link and the capture
 * never needs more than was held.
 */
import { eq } from 'drizzle-orm';
import * as v from 'valibot';
import type { Db } from '../../platform/db.ts';
import type { Env } from '../../platform/env.ts';
import { type FieldError, invalid } from '../../platform/problem.ts';
import { modelsOf, providerInfo } from '../../providers/ai/catalog.ts';
import { PRICE_BOOK, type PriceRow } from '../../providers/ai/price-book.ts';
import type { ProviderAccess } from '../../providers/ai/types.ts';
import { fieldIssueOf } from '../../schema/inputs/issues.ts';
import type { GenerationInput, GenerationParams } from '../../schema/inputs/studio.ts';
import { renderTemplate, variablesSchema } from '../../schema/inputs/studio-templates.ts';
import { orgs } from '../../schema/orgs.ts';
import type { ChainStep, Modality, Usage } from '../../schema/studio.ts';
import { creditsForUsage, markupFor, priceAt, priceVersionId } from './pricing.ts';
import { loadStudioConfig, providerAccess } from './settings.ts';
import { findTemplate } from './templates.ts';

export const DEFAULT_MAX_TOKENS = 800;
export const DEFAULT_IMAGE_SIZE = '1024x1024';

const PARAMS_OF: Record<Modality, (keyof GenerationParams)[]> = {
  text: ['maxTokens', 'temperature', 'system'],
  image: ['size'],
  speech: ['voice'],
};

/** What the providers accept per call, whatever our own field allows. */
const PROMPT_LIMIT: Record<Modality, number> = { text: 8000, image: 4000, speech: 4096 };

/** Bytes ÷ 3 over-counts tokens for Portuguese and English alike; 16 covers chat framing. */
const estimateInputTokens = (text: string) =>
  Math.ceil(new TextEncoder().encode(text).byteLength / 3) + 16;

/** Slow speech; real voices (and the sandbox, at ~16/s) say more per second. */
const SPOKEN_CHARACTERS_PER_SECOND_FLOOR = 12;

/** The most a call can use, in the units its price row charges. Pure. */
export function estimateUsage(
  modality: Modality,
  prompt: string,
  params: GenerationParams,
  row: PriceRow,
): Usage {
  if (modality === 'text')
    return {
      inputTokens: estimateInputTokens(`${params.system ?? ''}${prompt}`),
      outputTokens: params.maxTokens ?? DEFAULT_MAX_TOKENS,
    };
  if (modality === 'image') return { images: 1, imageSize: params.size ?? DEFAULT_IMAGE_SIZE };
  return row.second !== undefined
    ? { seconds: Math.ceil(prompt.length / SPOKEN_CHARACTERS_PER_SECOND_FLOOR) }
    : { characters: prompt.length };
}

/** The parameters as one provider gets them: modality defaults and its default voice filled in. */
export function paramsFor(
  modality: Modality,
  provider: string,
  params: GenerationParams,
): GenerationParams {
  if (modality === 'text') return { ...params, maxTokens: params.maxTokens ?? DEFAULT_MAX_TOKENS };
  if (modality === 'image') return { size: params.size ?? DEFAULT_IMAGE_SIZE };
  return { voice: params.voice ?? providerInfo(provider)?.voices?.[0] };
}

/** Why a provider and model cannot take these parameters, or null when they can. */
function unsupported(
  modality: Modality,
  provider: string,
  row: PriceRow,
  params: GenerationParams,
): FieldError | null {
  if (modality === 'image') {
    const size = params.size ?? DEFAULT_IMAGE_SIZE;
    if (!row.image?.[size])
      return {
        path: 'params.size',
        message: `${provider} ${row.model} offers sizes ${Object.keys(row.image ?? {}).join(', ')}.`,
      };
  }
  if (modality === 'speech' && params.voice) {
    const voices = providerInfo(provider)?.voices ?? [];
    if (!voices.includes(params.voice))
      return { path: 'params.voice', message: `${provider} voices: ${voices.join(', ')}.` };
  }
  return null;
}

/** The prompt to run: as written, or rendered from the template's validated variables. */
async function resolvePrompt(db: Db, orgId: string, input: GenerationInput) {
  if (!input.templateId) return { prompt: input.prompt!, templateId: null };
  const template = await findTemplate(db, orgId, input.templateId);
  if (!template) throw invalid([{ path: 'templateId', message: 'No such template.' }]);
  if (template.modality !== input.modality)
    throw invalid([
      {
        path: 'templateId',
        message: `This template is for ${template.modality}, not ${input.modality}.`,
      },
    ]);
  if (input.variables === undefined) return { prompt: input.prompt!, templateId: template.id };
  const checked = v.safeParse(variablesSchema(template.variables), input.variables);
  if (!checked.success)
    throw invalid(
      checked.issues.map((issue) => ({
        ...fieldIssueOf(issue, 'variables'),
        message: issue.message,
      })),
    );
  return {
    prompt: renderTemplate(template.prompt, checked.output as Record<string, string | number>),
    templateId: template.id,
  };
}

export interface GenerationPlan {
  prompt: string;
  templateId: string | null;
  params: GenerationParams;
  chain: ChainStep[];
  creditsToHold: number;
  markupBps: number;
  /** How the org reaches each provider of the chain; never stored. */
  access: Map<string, ProviderAccess>;
}

export async function planGeneration(
  env: Env,
  db: Db,
  orgId: string,
  input: GenerationInput,
  now: Date,
): Promise<GenerationPlan> {
  const { modality } = input;
  const { prompt, templateId } = await resolvePrompt(db, orgId, input);
  const errors: FieldError[] = [];
  if (prompt.length > PROMPT_LIMIT[modality])
    errors.push({
      path: 'prompt',
      message: `A ${modality} prompt must be at most ${PROMPT_LIMIT[modality]} characters.`,
    });
  for (const [name, value] of Object.entries(input.params))
    if (value !== undefined && !PARAMS_OF[modality].includes(name as keyof GenerationParams))
      errors.push({ path: `params.${name}`, message: `Not used for ${modality}.` });
  if (errors.length) throw invalid(errors);

  const [config, access, org] = await Promise.all([
    loadStudioConfig(env, db, orgId),
    providerAccess(env, db, orgId),
    db.select({ plan: orgs.plan }).from(orgs).where(eq(orgs.id, orgId)).get(),
  ]);
  const markupBps = markupFor(org?.plan ?? 'free');

  const candidates: { provider: string; model: string }[] = [];
  if (input.provider) {
    const info = providerInfo(input.provider);
    const models = modelsOf(input.provider, modality);
    if (!info || !models.length)
      throw invalid([{ path: 'provider', message: `No such provider for ${modality}.` }]);
    if (input.model && !models.includes(input.model))
      throw invalid([{ path: 'model', message: `${info.label} models: ${models.join(', ')}.` }]);
    if (!access.has(input.provider))
      throw invalid([
        {
          path: 'provider',
          message: `${info.label} is not set up: an admin adds its key in studio settings.`,
        },
      ]);
    candidates.push({ provider: input.provider, model: input.model ?? models[0]! });
  } else {
    for (const provider of config.chains[modality]) {
      const model = modelsOf(provider, modality)[0];
      if (model && access.has(provider)) candidates.push({ provider, model });
    }
  }

  const chain: ChainStep[] = [];
  for (const { provider, model } of candidates) {
    const row = priceAt(PRICE_BOOK, provider, model, now);
    if (!row) continue; // Not priced yet: never offered, rather than run for free.
    const refusal = unsupported(modality, provider, row, input.params);
    if (refusal) {
      if (input.provider) throw invalid([refusal]);
      continue;
    }
    const usage = estimateUsage(modality, prompt, input.params, row);
    chain.push({
      provider,
      model,
      priceVersion: priceVersionId(row),
      estimatedCredits: creditsForUsage(row, usage, markupBps),
    });
  }
  if (!chain.length)
    throw invalid([
      {
        path: 'provider',
        message: `No provider is set up for ${modality} with these settings. An admin can add one in the studio settings.`,
      },
    ]);
  return {
    prompt,
    templateId,
    params: input.params,
    chain,
    creditsToHold: Math.max(...chain.map((s) => s.estimatedCredits)),
    markupBps,
    access,
  };
}
