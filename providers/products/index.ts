/** @module Which product source a scout job uses, by name. Only the offline sandbox exists so far. */
import { sandboxProductSource } from './sandbox.ts';
import type { ProductSource } from './types.ts';

export const PRODUCT_SOURCES = ['sandbox'] as const;
export type ProductSourceName = (typeof PRODUCT_SOURCES)[number];

export function productSourceFor(name: ProductSourceName): ProductSource {
  switch (name) {
    case 'sandbox':
      return sandboxProductSource;
  }
}
