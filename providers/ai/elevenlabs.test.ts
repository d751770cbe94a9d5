import { describe, expect, it } from 'vitest';
import { fakeTenant } from '../../test/ai-fakes.ts';
import { elevenLabsAdapters } from './elevenlabs.ts';
import { ProviderError } from './types.ts';

const RACHEL = '21m00Tcm4TlvDq8ikWAM';

describe('the ElevenLabs adapter against a fake ElevenLabs', () => {
  it('posts the text to the voice’s path with xi-api-key and answers MP3', async () => {
    const fake = fakeTenant('elevenlabs');
    const { speech } = elevenLabsAdapters('elevenlabs', {
      apiKey: 'el-test-key9876',
      baseUrl: fake.baseUrl,
    });
    const result = await speech!.synthesizeSpeech({
      model: 'eleven_multilingual_v2',
      text: 'Promoção só hoje!',
      voice: RACHEL,
      signal: AbortSignal.timeout(10_000),
    });
    expect([...result.bytes.slice(0, 2)]).toEqual([0xff, 0xfb]);
    expect(result).toMatchObject({ mimeType: 'audio/mpeg', usage: { characters: 17 } });
    const [request] = await fake.requests();
    expect(request).toMatchObject({
      method: 'POST',
      path: `/v1/text-to-speech/${RACHEL}`,
      query: { output_format: 'mp3_44100_128' },
      headers: { 'xi-api-key': 'el-test-key9876', accept: 'audio/mpeg' },
      body: { text: 'Promoção só hoje!', model_id: 'eleven_multilingual_v2' },
    });
    expect(request!.headers).not.toHaveProperty('authorization');
  });

  it.each([
    ['a wrong key', 'bad-key-1234', RACHEL, 401],
    ['an unknown voice', 'el-test-key9876', 'no-such-voice', 404],
  ])('%s fails for good', async (_, apiKey, voice, status) => {
    const fake = fakeTenant('elevenlabs');
    const { speech } = elevenLabsAdapters('elevenlabs', { apiKey, baseUrl: fake.baseUrl });
    const err = await speech!
      .synthesizeSpeech({
        model: 'eleven_multilingual_v2',
        text: 'oi',
        voice,
        signal: AbortSignal.timeout(10_000),
      })
      .catch((e) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect(err).toMatchObject({ status, retryable: false });
  });

  it('too many concurrent requests is worth another provider', async () => {
    const fake = fakeTenant('elevenlabs');
    await fake.control({ fail: { status: 429, times: 1, retryAfter: 3 } });
    const { speech } = elevenLabsAdapters('elevenlabs', {
      apiKey: 'el-test-key9876',
      baseUrl: fake.baseUrl,
    });
    const err = await speech!
      .synthesizeSpeech({
        model: 'eleven_flash_v2_5',
        text: 'oi',
        voice: RACHEL,
        signal: AbortSignal.timeout(10_000),
      })
      .catch((e) => e);
    expect(err).toMatchObject({ status: 429, retryable: true, retryAfterSeconds: 3 });
    expect(err.message).toMatch(/Too many concurrent requests/);
  });
});
