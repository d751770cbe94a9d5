/**
 * @module The AI provider interfaces, one per modality: text (streamed), image and speech. Every
 * adapter (OpenAI-compatible, ElevenLabs, sandbox) implements the ones its service offers, and
 * reports failures as `ProviderError` so the fallback chain can tell a busy provider from a bad
 * request.
 */
import type { Usage } from '../../schema/studio.ts';

/** Where and as whom an adapter calls its service. */
export interface ProviderAccess {
  apiKey: string | null;
  baseUrl: string;
}

interface Call {
  model: string;
  /** Aborts the call: the chain's timeout, or the job giving up. */
  signal: AbortSignal;
}

export interface TextRequest extends Call {
  prompt: string;
  system?: string;
  maxTokens: number;
  temperature?: number;
  /** Each piece of text as the provider streams it. */
  onDelta(delta: string): void;
}

export interface ImageRequest extends Call {
  prompt: string;
  size: string;
  /** Percent done, where the provider tells. */
  onProgress?(percent: number): void;
}

export interface SpeechRequest extends Call {
  text: string;
  voice?: string;
}

export interface TextResult {
  text: string;
  usage: Usage;
}

export interface MediaResult {
  bytes: Uint8Array;
  mimeType: string;
  usage: Usage;
}

export interface TextProvider {
  streamText(request: TextRequest): Promise<TextResult>;
}

export interface ImageProvider {
  generateImage(request: ImageRequest): Promise<MediaResult>;
}

export interface SpeechProvider {
  synthesizeSpeech(request: SpeechRequest): Promise<MediaResult>;
}

export interface ProviderAdapters {
  text?: TextProvider;
  image?: ImageProvider;
  speech?: SpeechProvider;
}

/**
 * A failed provider call. `retryable` failures (timeouts, 429, 5xx, network) make the chain try
 * the next provider; the rest (bad request, bad key, refused content) fail the generation.
 */
export class ProviderError extends Error {
  readonly provider: string;
  readonly status: number | null;
  readonly retryable: boolean;
  readonly retryAfterSeconds: number | null;

  constructor(
    provider: string,
    message: string,
    options: { status?: number | null; retryable: boolean; retryAfterSeconds?: number | null },
  ) {
    super(message);
    this.provider = provider;
    this.status = options.status ?? null;
    this.retryable = options.retryable;
    this.retryAfterSeconds = options.retryAfterSeconds ?? null;
  }
}

/** HTTP statuses worth another provider: rate limited or the service failing. */
export const isRetryableStatus = (status: number) =>
  status === 408 || status === 429 || status >= 500;

/** A `Retry-After` header in seconds (delta or HTTP date), or null. */
export function retryAfterSeconds(header: string | null | undefined, now = Date.now()) {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

/** Abort (our timeout or the caller's) and network failures are worth another provider. */
export function errorFromThrown(provider: string, err: unknown): ProviderError {
  if (err instanceof ProviderError) return err;
  const name = (err as Error)?.name ?? '';
  const message = String((err as Error)?.message ?? err);
  if (name === 'TimeoutError' || name === 'AbortError' || /timed? ?out/i.test(message))
    return new ProviderError(provider, `${provider} timed out.`, { retryable: true });
  return new ProviderError(provider, `${provider} unreachable: ${message}`, { retryable: true });
}

/** Rough token count (about four characters each), for servers that report no usage. */
export const approximateTokens = (text: string) => Math.ceil(text.length / 4);
