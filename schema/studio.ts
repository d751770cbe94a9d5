/**
 * @module The AI studio: generations (one per request, its job, hold and output), the org's own
 * templates, studio settings and provider keys, the exact-match result cache, and provider health
 * for the circuit breaker.
 */
import {
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';
import { createdAt, id, orgId, timestamp } from './columns.ts';

export const MODALITIES = ['text', 'image', 'speech'] as const;
export type Modality = (typeof MODALITIES)[number];

/** What a cache hit is charged: nothing, half, or the full price of the original call. */
export const CACHE_POLICIES = ['free', 'half', 'full'] as const;
export type CachePolicy = (typeof CACHE_POLICIES)[number];

/** Units a provider call consumed; what prices multiply. */
export interface Usage {
  inputTokens?: number;
  outputTokens?: number;
  images?: number;
  imageSize?: string;
  characters?: number;
  seconds?: number;
}

/** One step of a fallback chain, with what it would cost at most (the hold covers the dearest). */
export interface ChainStep {
  provider: string;
  model: string;
  priceVersion: string;
  estimatedCredits: number;
}

/**
 * A generation request. Its status and progress live on its job row (the queue protocol's truth);
 * this row holds the request, the credits held, the checkpointed provider result and the charge.
 */
export const studioGenerations = sqliteTable(
  'studio_generations',
  {
    id: id(),
    orgId: orgId(),
    /** The client's `Idempotency-Key`: the same key returns the same generation. */
    idempotencyKey: text('idempotency_key').notNull(),
    /** SHA-256 of the request, so a key reused for a different request is refused. */
    requestHash: text('request_hash').notNull(),
    jobId: text('job_id'),
    createdBy: text('created_by'),
    modality: text('modality', { enum: MODALITIES }).notNull(),
    prompt: text('prompt').notNull(),
    templateId: text('template_id'),
    params: text('params', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    chain: text('chain', { mode: 'json' }).$type<ChainStep[]>().notNull(),
    holdId: text('hold_id').notNull(),
    creditsHeld: integer('credits_held').notNull(),
    /** The plan's markup when the estimate was shown; the charge uses the same. */
    markupBps: integer('markup_bps').notNull(),
    /** Set when the provider result is safely stored: a retry from here never calls a provider. */
    provider: text('provider'),
    model: text('model'),
    usage: text('usage', { mode: 'json' }).$type<Usage>(),
    cached: integer('cached', { mode: 'boolean' }).notNull().default(false),
    outputKey: text('output_key'),
    outputMime: text('output_mime'),
    outputBytes: integer('output_bytes'),
    outputText: text('output_text'),
    checkpointedAt: timestamp('checkpointed_at'),
    /** The charge, fixed once captured: the price version it used, cost and credits. */
    priceVersion: text('price_version'),
    costNanoUsd: integer('cost_nano_usd'),
    creditsCharged: integer('credits_charged'),
    settledAt: timestamp('settled_at'),
    favorite: integer('favorite', { mode: 'boolean' }).notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('studio_generations_org_key').on(t.orgId, t.idempotencyKey),
    index('studio_generations_org_id').on(t.orgId, t.id),
  ],
);

/** A template variable: how the form shows it and how it is validated. */
export interface TemplateVariable {
  name: string;
  label: string;
  kind: 'text' | 'longText' | 'number' | 'choice';
  required: boolean;
  maxLength?: number;
  min?: number;
  max?: number;
  options?: string[];
}

/** An org's own template; the built-in ones live in code (schema/studio-templates.ts). */
export const studioTemplates = sqliteTable(
  'studio_templates',
  {
    id: id(),
    orgId: orgId(),
    name: text('name').notNull(),
    modality: text('modality', { enum: MODALITIES }).notNull(),
    locale: text('locale').notNull(),
    /** The prompt, with `{{variable}}` placeholders. */
    prompt: text('prompt').notNull(),
    variables: text('variables', { mode: 'json' }).$type<TemplateVariable[]>().notNull(),
    createdBy: text('created_by'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at'),
  },
  (t) => [index('studio_templates_org').on(t.orgId, t.id)],
);

/** Per org: the provider order per modality and how cache hits are charged. */
export const studioSettings = sqliteTable('studio_settings', {
  orgId: orgId().primaryKey(),
  chains: text('chains', { mode: 'json' }).$type<Partial<Record<Modality, string[]>>>(),
  cachePolicy: text('cache_policy', { enum: CACHE_POLICIES }).notNull().default('free'),
  cacheTtlSeconds: integer('cache_ttl_seconds')
    .notNull()
    .default(7 * 24 * 3600),
  updatedAt: timestamp('updated_at'),
});

/** An org's key for one provider, AES-GCM encrypted; only whether it is set and its last 4 show. */
export const aiProviderKeys = sqliteTable(
  'ai_provider_keys',
  {
    orgId: orgId(),
    provider: text('provider').notNull(),
    encryptedKey: text('encrypted_key'),
    keyLast4: text('key_last4'),
    /** An OpenAI-compatible server of the org's own (Ollama, vLLM) or another region's endpoint. */
    baseUrl: text('base_url'),
    updatedAt: timestamp('updated_at'),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.provider] })],
);

/** Exact-match results: a hit serves the stored output without calling the provider. */
export const aiCache = sqliteTable(
  'ai_cache',
  {
    id: id(),
    orgId: orgId(),
    /** SHA-256 of org, provider, model, modality, prompt and parameters. */
    cacheKey: text('cache_key').notNull(),
    provider: text('provider').notNull(),
    model: text('model').notNull(),
    /** The generation whose output this is; deleting it deletes the entry. */
    generationId: text('generation_id').notNull(),
    usage: text('usage', { mode: 'json' }).$type<Usage>().notNull(),
    expiresAt: timestamp('expires_at').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('ai_cache_org_key').on(t.orgId, t.cacheKey),
    index('ai_cache_generation').on(t.orgId, t.generationId),
  ],
);

/**
 * Circuit-breaker state per org and provider, shared by every isolate that runs generations
 * (see worker/services/ai-breaker.ts for why it lives in D1).
 */
export const aiProviderHealth = sqliteTable(
  'ai_provider_health',
  {
    orgId: orgId(),
    provider: text('provider').notNull(),
    failures: integer('failures').notNull().default(0),
    openUntil: timestamp('open_until'),
    /** While set in the future, one caller is probing a provider whose cool-down has passed. */
    probeUntil: timestamp('probe_until'),
    updatedAt: timestamp('updated_at'),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.provider] })],
);
