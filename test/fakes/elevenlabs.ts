/**
 * A local fake of ElevenLabs text-to-speech that checks requests the way the real API does:
 * `POST /v1/text-to-speech/{voice_id}` with an `xi-api-key` header (`el-test-…` is valid), a JSON
 * body `{text, model_id}` with known fields only, a known voice and model, and an allowed
 * `output_format`. It answers MP3 bytes, and errors as `{detail: {status, message}}`.
 */
import type { ServerResponse } from 'node:http';
import { sendJson, startFakeService } from './fake-tenants.ts';
import { silentMp3 } from './openai.ts';

export const FAKE_VOICES = ['21m00Tcm4TlvDq8ikWAM', 'pNInz6obpgDQGcFmaJgB', 'EXAVITQu4vr4xnSPTCHs'];
const MODELS = ['eleven_multilingual_v2', 'eleven_flash_v2_5', 'eleven_turbo_v2_5'];
const FORMATS = ['mp3_44100_128', 'mp3_44100_64', 'mp3_22050_32', 'pcm_16000'];
const FIELDS = new Set(['text', 'model_id', 'voice_settings', 'language_code', 'seed']);

const detail = (res: ServerResponse, status: number, code: string, message: string, headers = {}) =>
  sendJson(res, status, { detail: { status: code, message } }, headers);

export function startFakeElevenLabs() {
  return startFakeService(
    (call) => {
      const { req, res } = call;
      const match = call.path.match(/^\/v1\/text-to-speech\/([^/]+)$/);
      if (req.method !== 'POST' || !match) return detail(res, 404, 'not_found', 'Not found');
      const key = req.headers['xi-api-key'];
      if (typeof key !== 'string' || !/^el-test-\S+$/.test(key))
        return detail(res, 401, 'invalid_api_key', 'Invalid API key');
      if (!String(req.headers['content-type']).startsWith('application/json'))
        return detail(res, 415, 'unsupported_media_type', 'Send JSON');
      const format = call.query.get('output_format') ?? 'mp3_44100_128';
      if (!FORMATS.includes(format))
        return detail(res, 422, 'invalid_output_format', `Unknown output_format ${format}`);
      const voice = decodeURIComponent(match[1]!);
      if (!FAKE_VOICES.includes(voice))
        return detail(
          res,
          404,
          'voice_not_found',
          `A voice with the voice_id ${voice} was not found.`,
        );
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(call.rawBody);
      } catch {
        return detail(res, 400, 'invalid_json', 'Malformed JSON');
      }
      const extra = Object.keys(body).find((k) => !FIELDS.has(k));
      if (extra) return detail(res, 422, 'invalid_field', `Unknown field ${extra}`);
      if (typeof body.text !== 'string' || !body.text.trim())
        return sendJson(res, 422, {
          detail: [{ loc: ['body', 'text'], msg: 'Field required', type: 'missing' }],
        });
      if (body.text.length > 10_000)
        return detail(res, 400, 'text_too_long', 'Text is longer than 10000 characters.');
      if (body.model_id !== undefined && !MODELS.includes(String(body.model_id)))
        return detail(res, 400, 'model_not_found', `Model ${body.model_id} not found.`);
      const audio = silentMp3();
      res.writeHead(200, {
        'content-type': 'audio/mpeg',
        'content-length': audio.length,
        'character-cost': String(body.text.length),
      });
      res.end(audio);
    },
    (res, status, retryAfter) =>
      detail(
        res,
        status,
        status === 429 ? 'too_many_concurrent_requests' : 'internal_error',
        status === 429 ? 'Too many concurrent requests.' : 'Internal server error.',
        retryAfter === undefined ? {} : { 'retry-after': String(retryAfter) },
      ),
  );
}
