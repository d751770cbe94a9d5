/**
 * @module The OpenAI-compatible adapter, through the official `openai` SDK with a configurable base
 * URL: OpenAI itself, Gemini's OpenAI-compatible endpoint, OpenRouter, or a self-hosted Ollama or
 * vLLM. Text streams over server-sent events (`/chat/completions` with `stream: true`), images come
 * from `/images/generations`, speech from `/audio/speech`. The SDK's own retries are off: the
 * fallback chain decides what happens after a failure.
 */
import OpenAI, { APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import {
  approximateTokens,
  errorFromThrown,
  isRetryableStatus,
  type MediaResult,
  type ProviderAccess,
  type ProviderAdapters,
  ProviderError,
  retryAfterSeconds,
  type TextResult,
} from './types.ts';

function asProviderError(provider: string, err: unknown): ProviderError {
  if (err instanceof APIUserAbortError || err instanceof APIConnectionTimeoutError)
    return new ProviderError(provider, `${provider} timed out.`, { retryable: true });
  if (err instanceof APIError && typeof err.status === 'number') {
    return new ProviderError(provider, `${provider} answered ${err.status}: ${err.message}`, {
      status: err.status,
      retryable: isRetryableStatus(err.status),
      retryAfterSeconds: retryAfterSeconds(err.headers?.get('retry-after')),
    });
  }
  return errorFromThrown(provider, err);
}

/** GPT image models always answer base64 and refuse `response_format`; older ones need it. */
const answersBase64ByDefault = (model: string) => model.startsWith('gpt-image');

export function openAiAdapters(provider: string, access: ProviderAccess): ProviderAdapters {
  const client = new OpenAI({
    // Self-hosted servers take no key, but the SDK insists on one.
    apiKey: access.apiKey ?? 'none',
    baseURL: access.baseUrl,
    maxRetries: 0,
    fetch: (input, init) => fetch(input, init),
  });

  const guarded = async <T>(call: () => Promise<T>): Promise<T> => {
    try {
      return await call();
    } catch (err) {
      throw asProviderError(provider, err);
    }
  };

  return {
    text: {
      streamText: (request) =>
        guarded(async (): Promise<TextResult> => {
          const messages: OpenAI.Chat.ChatCompletionMessageParam[] = [];
          if (request.system) messages.push({ role: 'system', content: request.system });
          messages.push({ role: 'user', content: request.prompt });
          const stream = await client.chat.completions.create(
            {
              model: request.model,
              messages,
              max_tokens: request.maxTokens,
              ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
              stream: true,
              stream_options: { include_usage: true },
            },
            { signal: request.signal },
          );
          let text = '';
          let usage: TextResult['usage'] | null = null;
          for await (const chunk of stream) {
            const delta = chunk.choices[0]?.delta?.content;
            if (delta) {
              text += delta;
              request.onDelta(delta);
            }
            if (chunk.usage)
              usage = {
                inputTokens: chunk.usage.prompt_tokens,
                outputTokens: chunk.usage.completion_tokens,
              };
          }
          // Some compatible servers ignore `include_usage`; count as they would, roughly.
          return {
            text,
            usage: usage ?? {
              inputTokens: approximateTokens(`${request.system ?? ''}${request.prompt}`),
              outputTokens: approximateTokens(text),
            },
          };
        }),
    },
    image: {
      generateImage: (request) =>
        guarded(async (): Promise<MediaResult> => {
          const response = await client.images.generate(
            {
              model: request.model,
              prompt: request.prompt,
              n: 1,
              size: request.size as OpenAI.ImageGenerateParams['size'],
              ...(answersBase64ByDefault(request.model)
                ? { quality: 'medium' as const }
                : { response_format: 'b64_json' as const }),
            },
            { signal: request.signal },
          );
          const b64 = response.data?.[0]?.b64_json;
          if (!b64)
            throw new ProviderError(provider, `${provider} returned no image.`, {
              retryable: true,
            });
          const bytes = Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));
          return { bytes, mimeType: 'image/png', usage: { images: 1, imageSize: request.size } };
        }),
    },
    speech: {
      synthesizeSpeech: (request) =>
        guarded(async (): Promise<MediaResult> => {
          const response = await client.audio.speech.create(
            {
              model: request.model,
              voice: (request.voice ?? 'alloy') as OpenAI.Audio.SpeechCreateParams['voice'],
              input: request.text,
              response_format: 'mp3',
            },
            { signal: request.signal },
          );
          const bytes = new Uint8Array(await response.arrayBuffer());
          return { bytes, mimeType: 'audio/mpeg', usage: { characters: request.text.length } };
        }),
    },
  };
}
