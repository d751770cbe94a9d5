/** What the server's publish check found, in the campaign editor's words. */
import type { FieldWords } from '../../../lib/errors.ts';
import { codeLabel, t } from '../../../lib/i18n.ts';
import { formatMoney } from '../../../lib/money.ts';

/** The publish check's problems in this page's own words, where the common ones say too little. */
export const editorWords = (currency: string): FieldWords => {
  const platform = (p: Record<string, string | number>) =>
    codeLabel('campaigns.platform_', String(p.platform ?? ''));
  return {
    'adSets:too_few': () => t('campaigns.errorAdSetsRequired'),
    'ads:too_few': () => t('campaigns.errorAdsRequired'),
    'countries:too_few': () => t('campaigns.errorCountriesRequired'),
    'countries:invalid': () => t('campaigns.errorCountryCode'),
    'ageMax:invalid': () => t('campaigns.errorAgeRange'),
    'ageMin:too_small': () => t('campaigns.errorAgeBounds'),
    'ageMin:too_large': () => t('campaigns.errorAgeBounds'),
    'ageMax:too_small': () => t('campaigns.errorAgeBounds'),
    'ageMax:too_large': () => t('campaigns.errorAgeBounds'),
    'dailyBudgetMinor:too_small': (p) =>
      t('campaigns.errorBudgetMin', { min: formatMoney(Number(p.min), currency) }),
    https_required: (p) => t('campaigns.errorHttpsRequired', { platform: platform(p) }),
    placement_unknown: (p) => t('campaigns.errorPlacementUnknown', { platform: platform(p) }),
  };
};
