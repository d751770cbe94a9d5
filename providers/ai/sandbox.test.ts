import { describe, expect, it } from 'vitest';
import { sandboxAdapters, sandboxText } from './sandbox.ts';
import { ProviderError } from './types.ts';

const adapters = sandboxAdapters(0);
const signal = () => AbortSignal.timeout(10_000);

async function inflate(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Walks the PNG chunks, checking each CRC-bearing layout, and returns IHDR and the IDAT data. */
function pngChunks(bytes: Uint8Array) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunks: { type: string; data: Uint8Array }[] = [];
  for (let offset = 8; offset < bytes.byteLength; ) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    chunks.push({ type, data: bytes.subarray(offset + 8, offset + 8 + length) });
    offset += 12 + length;
  }
  return chunks;
}

describe('the sandbox provider', () => {
  it('writes text from the prompt, the same every time, streamed word by word', async () => {
    const run = async (prompt: string) => {
      const deltas: string[] = [];
      const result = await adapters.text!.streamText({
        model: 'sandbox-writer',
        prompt,
        maxTokens: 800,
        signal: signal(),
        onDelta: (d) => deltas.push(d),
      });
      return { deltas, result };
    };
    const a = await run('Café especial torrado na hora para o seu negócio');
    const b = await run('Café especial torrado na hora para o seu negócio');
    const c = await run('Handmade leather bags for busy commuters');
    expect(a.result.text).toBe(b.result.text);
    expect(a.deltas).toEqual(b.deltas);
    expect(a.deltas.length).toBeGreaterThan(10);
    expect(a.deltas.join('')).toBe(a.result.text);
    expect(a.result.text).toContain('Café especial torrado na hora para');
    expect(a.result.text).toMatch(/#\p{L}+/u);
    expect(c.result.text).not.toBe(a.result.text);
    // Portuguese prompts get Portuguese copy, English prompts English copy.
    expect(a.result.text).toMatch(/você|seu|agora|tempo|clientes/i);
    expect(c.result.text).toMatch(/your|you|today|customers/i);
    expect(a.result.usage).toEqual({
      inputTokens: Math.ceil('Café especial torrado na hora para o seu negócio'.length / 4),
      outputTokens: a.deltas.length,
    });
  });

  it('stops at maxTokens', async () => {
    const result = await adapters.text!.streamText({
      model: 'sandbox-writer',
      prompt: 'anything at all here',
      maxTokens: 4,
      signal: signal(),
      onDelta: () => {},
    });
    expect(result.usage.outputTokens).toBe(4);
    expect(sandboxText('anything at all here').startsWith(result.text)).toBe(true);
  });

  it('paints a real PNG of the asked size, deterministic per prompt, reporting progress', async () => {
    const progress: number[] = [];
    const image = await adapters.image!.generateImage({
      model: 'sandbox-painter',
      prompt: 'sunset over the sea',
      size: '512x512',
      signal: signal(),
      onProgress: (p) => progress.push(p),
    });
    expect([...image.bytes.slice(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
    const chunks = pngChunks(image.bytes);
    expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    const ihdr = new DataView(chunks[0]!.data.buffer, chunks[0]!.data.byteOffset);
    expect([ihdr.getUint32(0), ihdr.getUint32(4)]).toEqual([512, 512]);
    const raw = await inflate(chunks[1]!.data);
    expect(raw.byteLength).toBe(512 * (512 * 3 + 1));
    expect(progress.at(-1)).toBe(100);
    expect(progress).toEqual([...progress].sort((x, y) => x - y));
    expect(image.usage).toEqual({ images: 1, imageSize: '512x512' });

    const again = await adapters.image!.generateImage({
      model: 'sandbox-painter',
      prompt: 'sunset over the sea',
      size: '512x512',
      signal: signal(),
    });
    const other = await adapters.image!.generateImage({
      model: 'sandbox-painter',
      prompt: 'a forest at dawn',
      size: '512x512',
      signal: signal(),
    });
    expect(again.bytes).toEqual(image.bytes);
    expect(other.bytes).not.toEqual(image.bytes);
  });

  it('speaks a real WAV: 16-bit mono PCM, 60 ms per character', async () => {
    const text = 'Oferta imperdível';
    const audio = await adapters.speech!.synthesizeSpeech({
      model: 'sandbox-voice',
      text,
      signal: signal(),
    });
    const view = new DataView(audio.bytes.buffer, audio.bytes.byteOffset);
    const ascii = (at: number) => String.fromCharCode(...audio.bytes.subarray(at, at + 4));
    expect([ascii(0), ascii(8), ascii(12), ascii(36)]).toEqual(['RIFF', 'WAVE', 'fmt ', 'data']);
    expect(view.getUint16(20, true)).toBe(1); // PCM
    expect(view.getUint16(22, true)).toBe(1); // mono
    expect(view.getUint32(24, true)).toBe(16_000);
    expect(view.getUint16(34, true)).toBe(16);
    expect(view.getUint32(40, true)).toBe(text.length * 960 * 2);
    expect(audio.bytes.byteLength).toBe(44 + text.length * 960 * 2);
    expect(audio.usage.seconds).toBeCloseTo(text.length * 0.06, 9);
    // Not silence: the words are tones.
    let peak = 0;
    for (let i = 44; i < audio.bytes.byteLength; i += 2)
      peak = Math.max(peak, Math.abs(view.getInt16(i, true)));
    expect(peak).toBeGreaterThan(5000);
  });

  it('gives up like a provider would when its time runs out', async () => {
    const slow = sandboxAdapters(50);
    const err = await slow
      .text!.streamText({
        model: 'sandbox-writer',
        prompt: 'a long text please',
        maxTokens: 800,
        signal: AbortSignal.timeout(120),
        onDelta: () => {},
      })
      .catch((e) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect(err).toMatchObject({ retryable: true, provider: 'sandbox' });
  });
});
