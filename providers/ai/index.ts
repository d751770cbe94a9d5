/**
 * @module The adapters for one provider as one org reaches it (key and endpoint), by the kind of
 * adapter the catalog names.
 */
import type { AdapterKind } from './catalog.ts';
import { elevenLabsAdapters } from './elevenlabs.ts';
import { openAiAdapters } from './openai.ts';
import { sandboxAdapters } from './sandbox.ts';
import type { ProviderAccess, ProviderAdapters } from './types.ts';

export function adaptersFor(
  provider: string,
  kind: AdapterKind,
  access: ProviderAccess,
  options: { sandboxPaceMs: number },
): ProviderAdapters {
  switch (kind) {
    case 'sandbox':
      return sandboxAdapters(options.sandboxPaceMs);
    case 'openai':
      return openAiAdapters(provider, access);
    case 'elevenlabs':
      return elevenLabsAdapters(provider, access);
  }
}
