/**
 * @module The `sandbox` AI provider: offline and deterministic, the local default. The same prompt
 * always gives the same output, and the outputs are real: marketing text built from the prompt and
 * streamed word by word, a PNG painted from the prompt's hash, a WAV of tones, one per word. It is
 * paced (`paceMs`) so progress and streaming can be watched locally; tests run it unpaced.
 */
import { encodePng, encodeWav } from './media-encoding.ts';
import {
  approximateTokens,
  type ImageRequest,
  type MediaResult,
  type ProviderAdapters,
  ProviderError,
  type SpeechRequest,
  type TextRequest,
  type TextResult,
} from './types.ts';

/** FNV-1a: a stable 32-bit hash, so outputs depend on the prompt alone. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A small seeded generator (mulberry32). */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Paces output; an abort (the chain's timeout) fails the call as a provider timeout would. */
const wait = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timedOut = () => new ProviderError('sandbox', 'sandbox timed out.', { retryable: true });
    if (signal.aborted) return reject(timedOut());
    if (ms <= 0) return resolve();
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(timedOut());
    });
  });

const PORTUGUESE = /[ãõçáéíóúâêô]|\b(de|para|com|uma|um|você|seu|sua|nosso|não|produto)\b/i;

const PHRASES = {
  'pt-BR': [
    'Descubra {topic} do jeito que você sempre quis.',
    'Feito para quem não abre mão de qualidade.',
    '{topic}: praticidade e resultado no seu dia a dia.',
    'Aproveite agora e fale com a gente pelo WhatsApp.',
    'Mais de mil clientes já aprovaram — chegou a sua vez.',
    'Condições especiais por tempo limitado.',
    'Seu próximo passo começa aqui.',
  ],
  en: [
    'Discover {topic} the way you always wanted.',
    'Made for people who never settle for less.',
    '{topic}: simple to use, real results every day.',
    'Get yours today and message us on WhatsApp.',
    'Over a thousand customers love it — now it is your turn.',
    'Special pricing for a limited time.',
    'Your next step starts here.',
  ],
};

/** What a prompt is about: the words after "sobre"/"about" (as templates phrase it), or its start. */
function topicOf(prompt: string): string {
  const about = prompt.match(/\b(?:sobre|about)\s+([^.,;:!?"\n]+)/i)?.[1];
  const words = (about ?? prompt).replace(/\s+/g, ' ').trim().split(' ').filter(Boolean);
  return (
    words
      .slice(0, 6)
      .join(' ')
      .replace(/[.,;:!?]+$/, '') || 'this'
  );
}

/** The sandbox's answer to a prompt: a headline, a few sentences about its topic, hashtags. */
export function sandboxText(prompt: string, system = ''): string {
  const locale = PORTUGUESE.test(prompt) ? 'pt-BR' : 'en';
  const next = random(hash32(`${system}\n${prompt}`));
  const topic = topicOf(prompt);
  const phrases = [...PHRASES[locale]];
  const picked: string[] = [];
  for (let i = 0; i < 3; i++)
    picked.push(
      phrases.splice(Math.floor(next() * phrases.length), 1)[0]!.replace('{topic}', topic),
    );
  const tags = [
    ...new Set(topic.split(' ').map((w) => w.toLowerCase().replace(/[^\p{L}\p{N}]/gu, ''))),
  ]
    .filter((w) => w.length > 3)
    .slice(0, 3)
    .map((w) => `#${w}`);
  return `✨ ${topic}\n\n${picked.join(' ')}${tags.length ? `\n\n${tags.join(' ')}` : ''}`;
}

/** Splits text into the pieces the sandbox streams: each word with the space after it. */
export const sandboxTokens = (text: string) => text.match(/\S+\s*|\s+/g) ?? [];

async function streamText(request: TextRequest, paceMs: number): Promise<TextResult> {
  const tokens = sandboxTokens(sandboxText(request.prompt, request.system)).slice(
    0,
    request.maxTokens,
  );
  for (const token of tokens) {
    await wait(paceMs, request.signal);
    request.onDelta(token);
  }
  return {
    text: tokens.join(''),
    usage: {
      inputTokens: approximateTokens(`${request.system ?? ''}${request.prompt}`),
      outputTokens: tokens.length,
    },
  };
}

/** Two colors and three discs from the prompt's hash, over a diagonal gradient. */
async function generateImage(request: ImageRequest, paceMs: number): Promise<MediaResult> {
  const [width, height] = request.size.split('x').map(Number) as [number, number];
  const next = random(hash32(request.prompt));
  const color = () => [next() * 255, next() * 255, next() * 255] as const;
  const from = color();
  const to = color();
  const discs = Array.from({ length: 3 }, () => ({
    x: next() * width,
    y: next() * height,
    r: (0.08 + next() * 0.2) * Math.min(width, height),
    color: color(),
  }));
  const bytes = await encodePng(
    width,
    height,
    (x, y) => {
      for (const d of discs) if ((x - d.x) ** 2 + (y - d.y) ** 2 < d.r ** 2) return d.color;
      const t = (x + y) / (width + height);
      return [
        from[0] + (to[0] - from[0]) * t,
        from[1] + (to[1] - from[1]) * t,
        from[2] + (to[2] - from[2]) * t,
      ];
    },
    async (rows) => {
      await wait(paceMs * 4, request.signal);
      request.onProgress?.((rows / height) * 100);
    },
  );
  return { bytes, mimeType: 'image/png', usage: { images: 1, imageSize: request.size } };
}

const SAMPLE_RATE = 16_000;
/** Each character lasts 60 ms: about 16 characters a second, like unhurried speech. */
export const SANDBOX_SECONDS_PER_CHARACTER = 0.06;

/** One tone per word (pitch from the word's hash), silence for spaces, soft edges against clicks. */
async function synthesizeSpeech(request: SpeechRequest): Promise<MediaResult> {
  const perChar = Math.round(SAMPLE_RATE * SANDBOX_SECONDS_PER_CHARACTER);
  const samples = new Float32Array(request.text.length * perChar);
  const base = request.voice === 'baritone' ? 110 : 220;
  let offset = 0;
  for (const piece of request.text.match(/\S+|\s+/g) ?? []) {
    const length = piece.length * perChar;
    if (piece.trim()) {
      const frequency = base + (hash32(piece.toLowerCase()) % 220);
      const fade = Math.min(160, length / 4);
      for (let i = 0; i < length; i++) {
        const edge = Math.min(1, i / fade, (length - i) / fade);
        samples[offset + i] = 0.3 * edge * Math.sin((2 * Math.PI * frequency * i) / SAMPLE_RATE);
      }
    }
    offset += length;
  }
  return {
    bytes: encodeWav(samples, SAMPLE_RATE),
    mimeType: 'audio/wav',
    usage: { seconds: samples.length / SAMPLE_RATE },
  };
}

export function sandboxAdapters(paceMs: number): ProviderAdapters {
  return {
    text: { streamText: (request) => streamText(request, paceMs) },
    image: { generateImage: (request) => generateImage(request, paceMs) },
    speech: { synthesizeSpeech: (request) => synthesizeSpeech(request) },
  };
}
