/**
 * Every UI string, one dictionary file per domain (`auth.ts`, `members.ts`…). A key is
 * `<domain>.<key>`; adding a domain is one import and one line in `dictionaries` below, and one
 * in `load.ts` (how the app loads it). This module is the whole catalogue, for types and tests:
 * the app imports only types from it, so no page downloads every dictionary.
 */
import { LOCALES } from '../../../schema/inputs/orgs.ts';
import apiKeys from './api-keys.ts';
import audit from './audit.ts';
import auth from './auth.ts';
import autopilot from './autopilot.ts';
import campaigns from './campaigns.ts';
import charts from './charts.ts';
import common from './common.ts';
import creatives from './creatives.ts';
import credits from './credits.ts';
import invite from './invite.ts';
import members from './members.ts';
import pipeline from './pipeline.ts';
import products from './products.ts';
import sections from './sections.ts';
import settings from './settings.ts';
import shell from './shell.ts';
import studio from './studio.ts';

const dictionaries = {
  apiKeys,
  audit,
  auth,
  autopilot,
  campaigns,
  charts,
  common,
  creatives,
  credits,
  invite,
  members,
  pipeline,
  products,
  sections,
  settings,
  shell,
  studio,
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
