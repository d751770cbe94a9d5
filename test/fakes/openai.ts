/**
 * A local fake of the OpenAI API (and of the OpenAI-compatible servers: Gemini's endpoint,
 * OpenRouter, Ollama, vLLM) that checks requests the way the real one does: a Bearer key
 * (`sk-test-…` is valid), JSON bodies with known fields only, known models and sizes, and
 * `stream_options` only with `stream: true`. Chat completions stream as server-sent events
 * (`chat.completion.chunk`s, a usage chunk when asked, then `[DONE]`); images answer base64 PNGs;
 * speech answers MP3 bytes. Errors have OpenAI's shape: `{error: {message, type, param, code}}`.
 */
import type { ServerResponse } from 'node:http';
import { deflateSync } from 'node:zlib';
import { type FakeCall, sendJson, startFakeService } from './fake-tenants.ts';

const TEXT_MODELS = [
  'gpt-4o-mini',
  'gpt-4.1',
  'gemini-2.5-flash',
  'openai/gpt-4o-mini',
  'anthropic/claude-3.5-haiku',
  'llama3.1:8b',
];
const IMAGE_SIZES: Record<string, string[]> = {
  'gpt-image-1': ['1024x1024', '1024x1536', '1536x1024', 'auto'],
  'imagen-3.0-generate-002': ['1024x1024'],
};
const VOICES = ['alloy', 'ash', 'coral', 'echo', 'fable', 'nova', 'onyx', 'sage', 'shimmer'];

const CHAT_FIELDS = new Set([
  'model',
  'messages',
  'max_tokens',
  'max_completion_tokens',
  'temperature',
  'stream',
  'stream_options',
  'top_p',
  'user',
]);
const IMAGE_FIELDS = new Set([
  'model',
  'prompt',
  'n',
  'size',
  'quality',
  'response_format',
  'user',
]);
const SPEECH_FIELDS = new Set([
  'model',
  'input',
  'voice',
  'response_format',
  'speed',
  'instructions',
]);

function openAiError(
  res: ServerResponse,
  status: number,
  message: string,
  extra: { type?: string; param?: string | null; code?: string | null } = {},
  headers: Record<string, string> = {},
) {
  sendJson(
    res,
    status,
    {
      error: {
        message,
        type: extra.type ?? (status >= 500 ? 'server_error' : 'invalid_request_error'),
        param: extra.param ?? null,
        code: extra.code ?? null,
      },
    },
    headers,
  );
}

function failure(res: ServerResponse, status: number, retryAfter?: number) {
  if (status === 429)
    return openAiError(
      res,
      429,
      'Rate limit reached for requests.',
      { type: 'requests', code: 'rate_limit_exceeded' },
      retryAfter === undefined ? {} : { 'retry-after': String(retryAfter) },
    );
  openAiError(res, status, 'The server had an error while processing your request.');
}

/** A real, tiny PNG (2×2, opaque) — enough for any decoder. */
export function tinyPng(): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, 'ascii');
    const tail = Buffer.alloc(4);
    tail.writeUInt32BE(crc(Buffer.concat([head.subarray(4), data])), 0);
    return Buffer.concat([head, data, tail]);
  };
  const ihdr = Buffer.from([0, 0, 0, 2, 0, 0, 0, 2, 8, 2, 0, 0, 0]);
  const raw = Buffer.from([0, 255, 0, 0, 0, 255, 0, 0, 0, 0, 255, 255, 255, 0]);
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A few silent MPEG-1 Layer III frames (128 kb/s, 44.1 kHz), as speech APIs answer. */
export function silentMp3(frames = 4): Buffer {
  const frame = Buffer.alloc(417);
  frame.set([0xff, 0xfb, 0x90, 0x64]);
  return Buffer.concat(Array.from({ length: frames }, () => frame));
}

const unknownField = (body: Record<string, unknown>, allowed: Set<string>) =>
  Object.keys(body).find((k) => !allowed.has(k));

function checkAuth(call: FakeCall): boolean {
  const auth = call.req.headers.authorization ?? '';
  if (!/^Bearer sk-test-\S+$/.test(auth)) {
    openAiError(call.res, 401, 'Incorrect API key provided.', { code: 'invalid_api_key' });
    return false;
  }
  return true;
}

function jsonBody(call: FakeCall): Record<string, unknown> | null {
  if (!String(call.req.headers['content-type']).startsWith('application/json')) {
    openAiError(call.res, 400, 'Expected a JSON body (Content-Type: application/json).');
    return null;
  }
  try {
    const body = JSON.parse(call.rawBody);
    if (body && typeof body === 'object' && !Array.isArray(body)) return body;
  } catch {}
  openAiError(call.res, 400, 'We could not parse the JSON body of your request.');
  return null;
}

/** The fake's reply: words from the last user message, so tests can recognize it. */
export const fakeReplyWords = (prompt: string) =>
  `Fake reply about ${prompt.slice(0, 60)} with a strong call to action.`.split(' ');

function chatCompletions(call: FakeCall, body: Record<string, unknown>) {
  const { res } = call;
  const extra = unknownField(body, CHAT_FIELDS);
  if (extra)
    return openAiError(res, 400, `Unrecognized request argument supplied: ${extra}`, {
      param: extra,
    });
  if (typeof body.model !== 'string' || !body.model)
    return openAiError(res, 400, 'you must provide a model parameter', { param: 'model' });
  if (!TEXT_MODELS.includes(body.model))
    return openAiError(res, 404, `The model \`${body.model}\` does not exist.`, {
      code: 'model_not_found',
      param: 'model',
    });
  const messages = body.messages as { role?: unknown; content?: unknown }[];
  if (
    !Array.isArray(messages) ||
    !messages.length ||
    !messages.every(
      (m) =>
        ['system', 'developer', 'user', 'assistant'].includes(String(m?.role)) &&
        typeof m.content === 'string',
    )
  )
    return openAiError(res, 400, "Invalid value for 'messages'.", { param: 'messages' });
  const maxTokens = body.max_tokens ?? body.max_completion_tokens;
  if (maxTokens !== undefined && (!Number.isInteger(maxTokens) || (maxTokens as number) < 1))
    return openAiError(res, 400, "Invalid 'max_tokens': integer below minimum value.", {
      param: 'max_tokens',
    });
  if (
    body.temperature !== undefined &&
    (typeof body.temperature !== 'number' || body.temperature < 0 || body.temperature > 2)
  )
    return openAiError(res, 400, "Invalid 'temperature'.", { param: 'temperature' });
  if (body.stream_options !== undefined && body.stream !== true)
    return openAiError(
      res,
      400,
      'The stream_options parameter is only allowed when stream is true.',
      {
        param: 'stream_options',
      },
    );

  const prompt = String(messages.findLast((m) => m.role === 'user')?.content ?? '');
  const all = fakeReplyWords(prompt);
  const words = maxTokens === undefined ? all : all.slice(0, maxTokens as number);
  const finish = words.length < all.length ? 'length' : 'stop';
  const usage = {
    prompt_tokens: messages.reduce((n, m) => n + String(m.content).split(/\s+/).length, 0) + 7,
    completion_tokens: words.length,
    total_tokens: 0,
  };
  usage.total_tokens = usage.prompt_tokens + usage.completion_tokens;
  const base = {
    id: 'chatcmpl-fake',
    created: Math.floor(Date.now() / 1000),
    model: body.model,
  };

  if (body.stream !== true)
    return sendJson(res, 200, {
      ...base,
      object: 'chat.completion',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: words.join(' ') },
          finish_reason: finish,
        },
      ],
      usage,
    });

  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
  });
  const event = (data: unknown) =>
    res.write(
      `data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', ...(data as object) })}\n\n`,
    );
  event({
    choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }],
  });
  for (const [i, word] of words.entries())
    event({
      choices: [{ index: 0, delta: { content: i === 0 ? word : ` ${word}` }, finish_reason: null }],
    });
  event({ choices: [{ index: 0, delta: {}, finish_reason: finish }] });
  if ((body.stream_options as { include_usage?: boolean } | undefined)?.include_usage)
    event({ choices: [], usage });
  res.end('data: [DONE]\n\n');
}

function imageGenerations(call: FakeCall, body: Record<string, unknown>) {
  const { res } = call;
  const extra = unknownField(body, IMAGE_FIELDS);
  if (extra) return openAiError(res, 400, `Unknown parameter: '${extra}'.`, { param: extra });
  const model = String(body.model ?? 'dall-e-2');
  const sizes = IMAGE_SIZES[model];
  if (!sizes)
    return openAiError(res, 404, `The model \`${model}\` does not exist.`, {
      code: 'model_not_found',
    });
  if (typeof body.prompt !== 'string' || !body.prompt.trim())
    return openAiError(res, 400, "Missing required parameter: 'prompt'.", { param: 'prompt' });
  if (body.size !== undefined && !sizes.includes(String(body.size)))
    return openAiError(
      res,
      400,
      `Invalid value: '${body.size}'. Supported values are: ${sizes.join(', ')}.`,
      {
        param: 'size',
      },
    );
  if (
    body.n !== undefined &&
    (!Number.isInteger(body.n) || (body.n as number) < 1 || (body.n as number) > 10)
  )
    return openAiError(res, 400, "Invalid 'n'.", { param: 'n' });
  // GPT image models always answer base64 and refuse the legacy parameter.
  if (model.startsWith('gpt-image') && body.response_format !== undefined)
    return openAiError(res, 400, "Unknown parameter: 'response_format'.", {
      param: 'response_format',
    });
  if (body.response_format === 'url')
    return sendJson(res, 200, { created: 0, data: [{ url: 'https://example.invalid/img.png' }] });
  const b64 = tinyPng().toString('base64');
  sendJson(res, 200, {
    created: Math.floor(Date.now() / 1000),
    data: Array.from({ length: (body.n as number) ?? 1 }, () => ({ b64_json: b64 })),
  });
}

function speech(call: FakeCall, body: Record<string, unknown>) {
  const { res } = call;
  const extra = unknownField(body, SPEECH_FIELDS);
  if (extra) return openAiError(res, 400, `Unknown parameter: '${extra}'.`, { param: extra });
  if (!['tts-1', 'tts-1-hd', 'gpt-4o-mini-tts'].includes(String(body.model)))
    return openAiError(res, 404, `The model \`${body.model}\` does not exist.`, {
      code: 'model_not_found',
    });
  if (typeof body.input !== 'string' || !body.input || body.input.length > 4096)
    return openAiError(res, 400, "Invalid 'input': string too long or empty.", { param: 'input' });
  if (!VOICES.includes(String(body.voice)))
    return openAiError(res, 400, `Invalid value: '${body.voice}'.`, { param: 'voice' });
  const audio = silentMp3();
  res.writeHead(200, { 'content-type': 'audio/mpeg', 'content-length': audio.length });
  res.end(audio);
}

export function startFakeOpenAi() {
  return startFakeService(async (call) => {
    if (call.req.method !== 'POST')
      return openAiError(call.res, 404, `Invalid URL (${call.req.method} ${call.path})`);
    const route = {
      '/v1/chat/completions': chatCompletions,
      '/v1/images/generations': imageGenerations,
      '/v1/audio/speech': speech,
    }[call.path];
    if (!route) return openAiError(call.res, 404, `Invalid URL (POST ${call.path})`);
    if (!checkAuth(call)) return;
    const body = jsonBody(call);
    if (body) route(call, body);
  }, failure);
}
