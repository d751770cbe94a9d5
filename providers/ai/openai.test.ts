import { describe, expect, it } from 'vitest';
import { fakeTenant } from '../../test/ai-fakes.ts';
import { openAiAdapters } from './openai.ts';
import { ProviderError } from './types.ts';

const signal = () => AbortSignal.timeout(10_000);
const PNG_SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const err = await promise.then(
    () => null,
    (e) => e,
  );
  expect(err).toBeInstanceOf(ProviderError);
  return err as ProviderError;
}

describe('the OpenAI-compatible adapter against a fake OpenAI', () => {
  it('streams a chat completion token by token over SSE and reads the usage chunk', async () => {
    const fake = fakeTenant('openai');
    const { text } = openAiAdapters('openai', { apiKey: 'sk-test-abc1234', baseUrl: fake.baseUrl });
    const deltas: string[] = [];
    const result = await text!.streamText({
      model: 'gpt-4o-mini',
      prompt: 'café especial',
      system: 'You write ads.',
      maxTokens: 200,
      temperature: 0.7,
      signal: signal(),
      onDelta: (d) => deltas.push(d),
    });
    expect(deltas.length).toBeGreaterThan(5);
    expect(deltas.join('')).toBe(result.text);
    expect(result.text).toBe('Fake reply about café especial with a strong call to action.');
    expect(result.usage).toEqual({ inputTokens: expect.any(Number), outputTokens: deltas.length });

    const [request] = await fake.requests();
    expect(request).toMatchObject({
      method: 'POST',
      path: '/v1/chat/completions',
      headers: { authorization: 'Bearer sk-test-abc1234' },
      body: {
        model: 'gpt-4o-mini',
        messages: [
          { role: 'system', content: 'You write ads.' },
          { role: 'user', content: 'café especial' },
        ],
        max_tokens: 200,
        temperature: 0.7,
        stream: true,
        stream_options: { include_usage: true },
      },
    });
    expect(request!.headers['content-type']).toMatch(/^application\/json/);
  });

  it('stops at max_tokens as the server does', async () => {
    const fake = fakeTenant('openai');
    const { text } = openAiAdapters('openai', { apiKey: 'sk-test-abc1234', baseUrl: fake.baseUrl });
    const result = await text!.streamText({
      model: 'gpt-4o-mini',
      prompt: 'x',
      maxTokens: 3,
      signal: signal(),
      onDelta: () => {},
    });
    expect(result.text).toBe('Fake reply about');
    expect(result.usage.outputTokens).toBe(3);
  });

  it('generates a GPT image as base64 PNG, without the legacy response_format', async () => {
    const fake = fakeTenant('openai');
    const { image } = openAiAdapters('openai', {
      apiKey: 'sk-test-abc1234',
      baseUrl: fake.baseUrl,
    });
    const result = await image!.generateImage({
      model: 'gpt-image-1',
      prompt: 'a red bicycle',
      size: '1024x1536',
      signal: signal(),
    });
    expect([...result.bytes.slice(0, 8)]).toEqual(PNG_SIGNATURE);
    expect(result).toMatchObject({
      mimeType: 'image/png',
      usage: { images: 1, imageSize: '1024x1536' },
    });
    const [request] = await fake.requests();
    expect(request).toMatchObject({
      path: '/v1/images/generations',
      headers: { authorization: 'Bearer sk-test-abc1234' },
      body: {
        model: 'gpt-image-1',
        prompt: 'a red bicycle',
        n: 1,
        size: '1024x1536',
        quality: 'medium',
      },
    });
    expect(request!.body).not.toHaveProperty('response_format');
  });

  it('asks other image models (Gemini’s Imagen) for base64 explicitly', async () => {
    const fake = fakeTenant('openai');
    const { image } = openAiAdapters('gemini', {
      apiKey: 'sk-test-gem1234',
      baseUrl: fake.baseUrl,
    });
    const result = await image!.generateImage({
      model: 'imagen-3.0-generate-002',
      prompt: 'a lighthouse',
      size: '1024x1024',
      signal: signal(),
    });
    expect([...result.bytes.slice(0, 8)]).toEqual(PNG_SIGNATURE);
    expect((await fake.requests())[0]!.body).toMatchObject({ response_format: 'b64_json' });
  });

  it('synthesizes speech as MP3', async () => {
    const fake = fakeTenant('openai');
    const { speech } = openAiAdapters('openai', {
      apiKey: 'sk-test-abc1234',
      baseUrl: fake.baseUrl,
    });
    const result = await speech!.synthesizeSpeech({
      model: 'tts-1',
      text: 'Olá, tudo bem?',
      voice: 'nova',
      signal: signal(),
    });
    expect([...result.bytes.slice(0, 2)]).toEqual([0xff, 0xfb]);
    expect(result.usage).toEqual({ characters: 14 });
    expect((await fake.requests())[0]).toMatchObject({
      path: '/v1/audio/speech',
      body: { model: 'tts-1', voice: 'nova', input: 'Olá, tudo bem?', response_format: 'mp3' },
    });
  });

  it('a wrong key fails for good: another try would not help', async () => {
    const fake = fakeTenant('openai');
    const { text } = openAiAdapters('openai', { apiKey: 'wrong-key-123', baseUrl: fake.baseUrl });
    const err = await failure(
      text!.streamText({
        model: 'gpt-4o-mini',
        prompt: 'x',
        maxTokens: 20,
        signal: signal(),
        onDelta: () => {},
      }),
    );
    expect(err).toMatchObject({ status: 401, retryable: false, provider: 'openai' });
  });

  it('an unknown model fails for good', async () => {
    const fake = fakeTenant('openai');
    const { text } = openAiAdapters('openai', { apiKey: 'sk-test-abc1234', baseUrl: fake.baseUrl });
    const err = await failure(
      text!.streamText({
        model: 'gpt-9',
        prompt: 'x',
        maxTokens: 20,
        signal: signal(),
        onDelta: () => {},
      }),
    );
    expect(err).toMatchObject({ status: 404, retryable: false });
  });

  it.each([
    [429, 7],
    [500, undefined],
    [503, undefined],
  ])('%i is worth another provider (Retry-After %s)', async (status, retryAfter) => {
    const fake = fakeTenant('openai');
    await fake.control({ fail: { status, times: 1, retryAfter } });
    const { image } = openAiAdapters('openai', {
      apiKey: 'sk-test-abc1234',
      baseUrl: fake.baseUrl,
    });
    const err = await failure(
      image!.generateImage({
        model: 'gpt-image-1',
        prompt: 'x',
        size: '1024x1024',
        signal: signal(),
      }),
    );
    expect(err).toMatchObject({ status, retryable: true, retryAfterSeconds: retryAfter ?? null });
  });

  it('a server that never answers times out, which is worth another provider', async () => {
    const fake = fakeTenant('openai');
    await fake.control({ hang: true });
    const { text } = openAiAdapters('openai', { apiKey: 'sk-test-abc1234', baseUrl: fake.baseUrl });
    const started = Date.now();
    const err = await failure(
      text!.streamText({
        model: 'gpt-4o-mini',
        prompt: 'x',
        maxTokens: 20,
        signal: AbortSignal.timeout(300),
        onDelta: () => {},
      }),
    );
    expect(err).toMatchObject({ retryable: true, status: null });
    expect(err.message).toMatch(/timed out/);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
