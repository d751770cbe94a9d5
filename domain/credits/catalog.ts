/**
 * @module What can be bought, as configuration shared by the Worker and the web app: credit packs
 * (one-off) and plans (monthly credits). Prices are integer minor units per currency the org may
 * choose; changing a price here never changes what was already bought.
 */
import type { CURRENCIES } from '../money.ts';

export type Currency = (typeof CURRENCIES)[number];
export type Prices = Record<Currency, number>;

export interface CreditPack {
  id: string;
  credits: number;
  prices: Prices;
}

export interface Plan {
  id: string;
  /** Granted on each paid invoice; unspent plan credits expire when the billing period ends. */
  monthlyCredits: number;
  prices: Prices;
}

/** Credits every new organization starts with, once. */
export const WELCOME_CREDITS = 200;

export const CREDIT_PACKS = [
  { id: 'pack-500', credits: 500, prices: { BRL: 4900, USD: 999, EUR: 899 } },
  { id: 'pack-2000', credits: 2000, prices: { BRL: 17900, USD: 3599, EUR: 3299 } },
  { id: 'pack-10000', credits: 10000, prices: { BRL: 79900, USD: 15999, EUR: 14599 } },
] as const satisfies readonly CreditPack[];

export const PLANS = [
  { id: 'starter', monthlyCredits: 1500, prices: { BRL: 9900, USD: 1999, EUR: 1799 } },
  { id: 'agency', monthlyCredits: 8000, prices: { BRL: 39900, USD: 7999, EUR: 7299 } },
] as const satisfies readonly Plan[];

export type PackId = (typeof CREDIT_PACKS)[number]['id'];
export type PlanId = (typeof PLANS)[number]['id'];

export const PACK_IDS = CREDIT_PACKS.map((p) => p.id) as [PackId, ...PackId[]];
export const PLAN_IDS = PLANS.map((p) => p.id) as [PlanId, ...PlanId[]];

export const packById = (id: string): CreditPack | undefined =>
  CREDIT_PACKS.find((p) => p.id === id);
export const planById = (id: string): Plan | undefined => PLANS.find((p) => p.id === id);
