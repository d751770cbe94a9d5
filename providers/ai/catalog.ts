/**
 * @module The AI providers an org can use: which adapter speaks to each, where, and which models it
 * offers per modality. Any OpenAI-compatible server is reached through the `openai` adapter with
 * its own base URL (OpenAI, Gemini's compatible endpoint, OpenRouter, a self-hosted Ollama or vLLM).
 */
import type { Modality } from '../../schema/studio.ts';

export type AdapterKind = 'sandbox' | 'openai' | 'elevenlabs';

export interface ProviderInfo {
  label: string;
  adapter: AdapterKind;
  /** Default endpoint; null when the org must give its own (a self-hosted server). */
  baseUrl: string | null;
  needsKey: boolean;
  /** Models per modality; the first is the default. */
  models: Partial<Record<Modality, readonly string[]>>;
  /** Speech voices; the first is the default. */
  voices?: readonly string[];
}

export const AI_PROVIDERS = {
  sandbox: {
    label: 'Sandbox (offline, deterministic)',
    adapter: 'sandbox',
    baseUrl: null,
    needsKey: false,
    models: { text: ['sandbox-writer'], image: ['sandbox-painter'], speech: ['sandbox-voice'] },
    voices: ['aurora', 'baritone'],
  },
  openai: {
    label: 'OpenAI',
    adapter: 'openai',
    baseUrl: 'https://api.openai.com/v1',
    needsKey: true,
    models: { text: ['gpt-4o-mini', 'gpt-4.1'], image: ['gpt-image-1'], speech: ['tts-1'] },
    voices: ['alloy', 'nova', 'shimmer', 'echo', 'fable', 'onyx'],
  },
  gemini: {
    label: 'Google Gemini',
    adapter: 'openai',
    baseUrl: 'https://generativelanguage.googleapis.com/v1beta/openai',
    needsKey: true,
    models: { text: ['gemini-2.5-flash'], image: ['imagen-3.0-generate-002'] },
  },
  openrouter: {
    label: 'OpenRouter',
    adapter: 'openai',
    baseUrl: 'https://openrouter.ai/api/v1',
    needsKey: true,
    models: { text: ['openai/gpt-4o-mini', 'anthropic/claude-3.5-haiku'] },
  },
  'self-hosted': {
    label: 'Self-hosted (Ollama, vLLM)',
    adapter: 'openai',
    baseUrl: null,
    needsKey: false,
    models: { text: ['llama3.1:8b'] },
  },
  elevenlabs: {
    label: 'ElevenLabs',
    adapter: 'elevenlabs',
    baseUrl: 'https://api.elevenlabs.io',
    needsKey: true,
    models: { speech: ['eleven_multilingual_v2', 'eleven_flash_v2_5'] },
    // Rachel, Adam and Bella from ElevenLabs' premade voices.
    voices: ['21m00Tcm4TlvDq8ikWAM', 'pNInz6obpgDQGcFmaJgB', 'EXAVITQu4vr4xnSPTCHs'],
  },
} as const satisfies Record<string, ProviderInfo>;

export type ProviderId = keyof typeof AI_PROVIDERS;
export const PROVIDER_IDS = Object.keys(AI_PROVIDERS) as ProviderId[];

export const providerInfo = (id: string): ProviderInfo | undefined =>
  (AI_PROVIDERS as Record<string, ProviderInfo>)[id];

export const modelsOf = (id: string, modality: Modality): readonly string[] =>
  providerInfo(id)?.models[modality] ?? [];
