/**
 * @module ElevenLabs text-to-speech over its HTTP API: `POST /v1/text-to-speech/{voice_id}` with the
 * `xi-api-key` header and `{text, model_id}`, answered with MP3 bytes. ElevenLabs bills by
 * character, so usage is the text's length.
 */
import {
  errorFromThrown,
  isRetryableStatus,
  type ProviderAccess,
  type ProviderAdapters,
  ProviderError,
  retryAfterSeconds,
} from './types.ts';

const OUTPUT_FORMAT = 'mp3_44100_128';

/** ElevenLabs errors are `{detail: {status, message}}` or `{detail: [..validation..]}`. */
async function errorDetail(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  try {
    const detail = (JSON.parse(text) as { detail?: unknown }).detail;
    if (detail && typeof detail === 'object' && 'message' in detail) return String(detail.message);
    return JSON.stringify(detail ?? text).slice(0, 300);
  } catch {
    return text.slice(0, 300);
  }
}

export function elevenLabsAdapters(provider: string, access: ProviderAccess): ProviderAdapters {
  return {
    speech: {
      async synthesizeSpeech(request) {
        if (!request.voice)
          throw new ProviderError(provider, 'A voice is required.', { retryable: false });
        const url = `${access.baseUrl.replace(/\/+$/, '')}/v1/text-to-speech/${encodeURIComponent(request.voice)}?output_format=${OUTPUT_FORMAT}`;
        let response: Response;
        try {
          response = await fetch(url, {
            method: 'POST',
            headers: {
              'xi-api-key': access.apiKey ?? '',
              'content-type': 'application/json',
              accept: 'audio/mpeg',
            },
            body: JSON.stringify({ text: request.text, model_id: request.model }),
            signal: request.signal,
          });
        } catch (err) {
          throw errorFromThrown(provider, err);
        }
        if (!response.ok) {
          const status = response.status;
          const retryAfter = retryAfterSeconds(response.headers.get('retry-after'));
          throw new ProviderError(
            provider,
            `${provider} answered ${status}: ${await errorDetail(response)}`,
            {
              status,
              retryable: isRetryableStatus(status),
              retryAfterSeconds: retryAfter,
            },
          );
        }
        let bytes: Uint8Array;
        try {
          bytes = new Uint8Array(await response.arrayBuffer());
        } catch (err) {
          throw errorFromThrown(provider, err);
        }
        return { bytes, mimeType: 'audio/mpeg', usage: { characters: request.text.length } };
      },
    },
  };
}
