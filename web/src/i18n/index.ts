/**
 * Every UI string: one dictionary per domain and language (`pt-BR/members.ts`, `en/members.ts`…;
 * English is checked to have exactly the pt-BR keys). A key is `<domain>.<key>`. This module is
 * the whole catalogue, for types and tests: the app imports only types from it and loads the
 * dictionaries through `load.ts`, one language at a time, so no page downloads every dictionary.
 */
import { LOCALES } from '../../../schema/inputs/orgs.ts';
import apiKeysEn from './en/api-keys.ts';
import auditEn from './en/audit.ts';
import authEn from './en/auth.ts';
import autopilotEn from './en/autopilot.ts';
import campaignsEn from './en/campaigns.ts';
import chartsEn from './en/charts.ts';
import commonEn from './en/common.ts';
import creativesEn from './en/creatives.ts';
import creditsEn from './en/credits.ts';
import inviteEn from './en/invite.ts';
import membersEn from './en/members.ts';
import pipelineEn from './en/pipeline.ts';
import productsEn from './en/products.ts';
import sectionsEn from './en/sections.ts';
import settingsEn from './en/settings.ts';
import shellEn from './en/shell.ts';
import studioEn from './en/studio.ts';
import apiKeys from './pt-BR/api-keys.ts';
import audit from './pt-BR/audit.ts';
import auth from './pt-BR/auth.ts';
import autopilot from './pt-BR/autopilot.ts';
import campaigns from './pt-BR/campaigns.ts';
import charts from './pt-BR/charts.ts';
import common from './pt-BR/common.ts';
import creatives from './pt-BR/creatives.ts';
import credits from './pt-BR/credits.ts';
import invite from './pt-BR/invite.ts';
import members from './pt-BR/members.ts';
import pipeline from './pt-BR/pipeline.ts';
import products from './pt-BR/products.ts';
import sections from './pt-BR/sections.ts';
import settings from './pt-BR/settings.ts';
import shell from './pt-BR/shell.ts';
import studio from './pt-BR/studio.ts';

const dictionaries = {
  apiKeys: { 'pt-BR': apiKeys, en: apiKeysEn },
  audit: { 'pt-BR': audit, en: auditEn },
  auth: { 'pt-BR': auth, en: authEn },
  autopilot: { 'pt-BR': autopilot, en: autopilotEn },
  campaigns: { 'pt-BR': campaigns, en: campaignsEn },
  charts: { 'pt-BR': charts, en: chartsEn },
  common: { 'pt-BR': common, en: commonEn },
  creatives: { 'pt-BR': creatives, en: creativesEn },
  credits: { 'pt-BR': credits, en: creditsEn },
  invite: { 'pt-BR': invite, en: inviteEn },
  members: { 'pt-BR': members, en: membersEn },
  pipeline: { 'pt-BR': pipeline, en: pipelineEn },
  products: { 'pt-BR': products, en: productsEn },
  sections: { 'pt-BR': sections, en: sectionsEn },
  settings: { 'pt-BR': settings, en: settingsEn },
  shell: { 'pt-BR': shell, en: shellEn },
  studio: { 'pt-BR': studio, en: studioEn },
};

export { LOCALES };
export type Locale = (typeof LOCALES)[number];

export type Dictionaries = typeof dictionaries;
export type Domain = keyof Dictionaries;
export type MessageKey = {
  [D in keyof Dictionaries]: `${D}.${Extract<keyof Dictionaries[D]['pt-BR'], string>}`;
}[keyof Dictionaries];

export function messagesFor(locale: Locale): Record<MessageKey, string> {
  const flat: Record<string, string> = {};
  for (const [domain, dictionary] of Object.entries(dictionaries))
    for (const [key, text] of Object.entries(dictionary[locale])) flat[`${domain}.${key}`] = text;
  return flat as Record<MessageKey, string>;
}
