/**
 * @module The checks every adapter makes before calling its platform, so bad input fails the
 * same way everywhere (an `invalid_request` naming our field) and never costs a platform call or
 * a slice of the rate-limit quota. The platforms check more on their side; their refusals are
 * mapped by each adapter.
 */

import {
  AD_PLACEMENTS,
  type AdPlatformName,
  CALLS_TO_ACTION,
} from '../../domain/ads/vocabulary.ts';
import { AdPlatformError, type AdSetSpec, type AdSpec, type CampaignSpec } from './types.ts';

function invalid(platform: AdPlatformName, field: string, message: string): AdPlatformError {
  return new AdPlatformError(platform, 'invalid_request', message, { field });
}

function checkName(platform: AdPlatformName, name: string) {
  if (!name.trim() || name.length > 255)
    throw invalid(platform, 'name', 'Name must have 1 to 255 characters.');
}

/** Budgets are whole minor units of the account's own currency. */
export function checkBudget(
  platform: AdPlatformName,
  accountCurrency: string,
  budget: { dailyBudgetMinor: number; currency: string },
) {
  if (budget.currency !== accountCurrency)
    throw invalid(
      platform,
      'currency',
      `The ad account spends ${accountCurrency}; the budget is in ${budget.currency}.`,
    );
  if (!Number.isSafeInteger(budget.dailyBudgetMinor) || budget.dailyBudgetMinor < 1)
    throw invalid(
      platform,
      'dailyBudgetMinor',
      'Daily budget must be a positive whole number of minor units.',
    );
}

export function checkCampaignSpec(platform: AdPlatformName, spec: CampaignSpec) {
  checkName(platform, spec.name);
}

export function checkAdSetSpec(platform: AdPlatformName, accountCurrency: string, spec: AdSetSpec) {
  checkName(platform, spec.name);
  if (!spec.campaignId) throw invalid(platform, 'campaignId', 'The parent campaign id is missing.');
  checkBudget(platform, accountCurrency, spec);
  const { countries, ageMin, ageMax, placements } = spec.targeting;
  if (!countries.length || !countries.every((c) => /^[A-Z]{2}$/.test(c)))
    throw invalid(
      platform,
      'targeting.countries',
      'Name at least one country by its two-letter ISO code (BR, PT…).',
    );
  if (!Number.isInteger(ageMin) || ageMin < 13 || ageMin > 65)
    throw invalid(platform, 'targeting.ageMin', 'Minimum age must be 13 to 65.');
  if (!Number.isInteger(ageMax) || ageMax < ageMin || ageMax > 65)
    throw invalid(platform, 'targeting.ageMax', 'Maximum age must be from the minimum age to 65.');
  const known: readonly string[] = AD_PLACEMENTS[platform];
  const unknown = placements.find((p) => !known.includes(p));
  if (unknown !== undefined)
    throw invalid(
      platform,
      'targeting.placements',
      `Unknown placement ${unknown}. Choose from: ${known.join(', ')}.`,
    );
  if (spec.startTime !== undefined && Number.isNaN(Date.parse(spec.startTime)))
    throw invalid(platform, 'startTime', 'Start time must be an ISO-8601 date and time.');
}

export function checkAdSpec(platform: AdPlatformName, spec: AdSpec) {
  checkName(platform, spec.name);
  if (!spec.adSetId) throw invalid(platform, 'adSetId', 'The parent ad set id is missing.');
  const { headline, body, callToAction, imageUrl, landingUrl } = spec.creative;
  if (!headline.trim()) throw invalid(platform, 'creative.headline', 'Headline is empty.');
  if (!body.trim()) throw invalid(platform, 'creative.body', 'Body text is empty.');
  if (!CALLS_TO_ACTION.includes(callToAction))
    throw invalid(platform, 'creative.callToAction', `Unknown call to action ${callToAction}.`);
  for (const [field, url] of [
    ['creative.imageUrl', imageUrl],
    ['creative.landingUrl', landingUrl],
  ] as const) {
    // Platforms fetch images and send people to landing pages over the public internet; the
    // sandbox fetches nothing, so local http:// URLs are fine there.
    const protocols = platform === 'sandbox' ? ['https:', 'http:'] : ['https:'];
    if (!URL.canParse(url) || !protocols.includes(new URL(url).protocol))
      throw invalid(
        platform,
        field,
        `Must be a public ${protocols.map((p) => `${p}//`).join(' or ')} URL.`,
      );
  }
}
