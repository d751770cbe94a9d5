/**
 * @module What each provider charges us, per model, in versions. A row is never edited: a new price
 * is a new row with a later `version` (the UTC date it takes effect), so every charge already made
 * keeps pointing at the row it used and history never changes.
 *
 * Amounts are integer nano-USD (1e-9 US$) per unit, which holds per-token prices exactly.
 */

export interface PriceRow {
  provider: string;
  model: string;
  /** The UTC date (YYYY-MM-DD) from which this row applies. */
  version: string;
  currency: 'USD';
  inputToken?: number;
  outputToken?: number;
  /** Per image, by size (`WIDTHxHEIGHT`); a size not listed is not offered. */
  image?: Record<string, number>;
  character?: number;
  second?: number;
}

const usd = (dollars: number, perUnits = 1) => Math.round((dollars * 1e9) / perUnits);
const perMillion = (dollars: number) => usd(dollars, 1_000_000);

export const PRICE_BOOK: readonly PriceRow[] = [
  {
    provider: 'sandbox',
    model: 'sandbox-writer',
    version: '2026-11-01',
    currency: 'USD',
    inputToken: perMillion(0.1),
    outputToken: perMillion(0.4),
  },
  {
    provider: 'sandbox',
    model: 'sandbox-painter',
    version: '2026-11-01',
    currency: 'USD',
    image: { '512x512': usd(0.01), '1024x1024': usd(0.02) },
  },
  {
    provider: 'sandbox',
    model: 'sandbox-voice',
    version: '2026-11-01',
    currency: 'USD',
    second: usd(0.001),
  },
  {
    provider: 'openai',
    model: 'gpt-4o-mini',
    version: '2026-11-01',
    currency: 'USD',
    inputToken: perMillion(0.15),
    outputToken: perMillion(0.6),
  },
  {
    provider: 'openai',
    model: 'gpt-4.1',
    version: '2026-11-01',
    currency: 'USD',
    inputToken: perMillion(2),
    outputToken: perMillion(8),
  },
  {
    provider: 'openai',
    model: 'gpt-image-1',
    version: '2026-11-01',
    currency: 'USD',
    image: { '1024x1024': usd(0.042), '1024x1536': usd(0.063), '1536x1024': usd(0.063) },
  },
  {
    provider: 'openai',
    model: 'tts-1',
    version: '2026-11-01',
    currency: 'USD',
    character: perMillion(15),
  },
  {
    provider: 'gemini',
    model: 'gemini-2.5-flash',
    version: '2026-11-01',
    currency: 'USD',
    inputToken: perMillion(0.3),
    outputToken: perMillion(2.5),
  },
  {
    provider: 'gemini',
    model: 'imagen-3.0-generate-002',
    version: '2026-11-01',
    currency: 'USD',
    image: { '1024x1024': usd(0.03) },
  },
  {
    provider: 'openrouter',
    model: 'openai/gpt-4o-mini',
    version: '2026-11-01',
    currency: 'USD',
    inputToken: perMillion(0.15),
    outputToken: perMillion(0.6),
  },
  {
    provider: 'openrouter',
    model: 'anthropic/claude-3.5-haiku',
    version: '2026-11-01',
    currency: 'USD',
    inputToken: perMillion(0.8),
    outputToken: perMillion(4),
  },
  {
    provider: 'self-hosted',
    model: 'llama3.1:8b',
    version: '2026-11-01',
    currency: 'USD',
    // The org runs the model; this is our platform fee for routing, streaming and storage.
    inputToken: perMillion(0.02),
    outputToken: perMillion(0.02),
  },
  {
    provider: 'elevenlabs',
    model: 'eleven_multilingual_v2',
    version: '2026-11-01',
    currency: 'USD',
    character: usd(0.3, 1000),
  },
  {
    provider: 'elevenlabs',
    model: 'eleven_flash_v2_5',
    version: '2026-11-01',
    currency: 'USD',
    character: usd(0.15, 1000),
  },
];
