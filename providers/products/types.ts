/**
 * @module The one product source interface: where the scout job looks for products to sell
 * (marketplaces, supplier catalogues, ad libraries). Each source returns candidates with the
 * signals it knows; the viability rules judge them the same way whatever their source.
 */
import type { ProductSignals } from '../../schema/ads.ts';

export interface ScoutQuery {
  /** Free text; empty means the source's trending products. */
  query: string;
  /** A category slug to stay in, when given. */
  category?: string;
  limit: number;
}

export interface ScoutedProduct {
  /** The product's id at the source: scouting it again finds the same row. */
  sourceRef: string;
  title: string;
  description: string;
  images: string[];
  supplierCostMinor: number;
  marketPriceMinor: number;
  currency: string;
  category: string;
  keywords: string[];
  signals: ProductSignals;
}

export interface ProductSource {
  readonly name: string;
  search(query: ScoutQuery): Promise<ScoutedProduct[]>;
}
