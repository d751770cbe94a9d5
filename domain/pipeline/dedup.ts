/**
 * @module Duplicate leads. Exact: the same phone (E.164, so with or without the 9th digit) or the
 * same e-mail key — the same person, merged automatically on capture and import. Near: similar
 * name and company — maybe the same person, only ever suggested to a human.
 */
import { emailKey } from '../email.ts';
import { phoneKey } from '../phone.ts';
import { foldCompany, foldText, textSimilarity } from './similarity.ts';

export interface LeadIdentity {
  id: string;
  name?: string | null;
  company?: string | null;
  email?: string | null;
  phone?: string | null;
}

export type DuplicateReason =
  | { code: 'same_phone'; phone: string }
  | { code: 'same_email'; email: string }
  | { code: 'similar_name'; similarity: number }
  | { code: 'similar_company'; similarity: number };

export interface DuplicateSuggestion {
  leadId: string;
  /** 0–1, rounded to 2 decimals; 1 for exact matches. */
  similarity: number;
  exact: boolean;
  reasons: DuplicateReason[];
}

/** Name similarity a suggestion needs on its own, whatever the company says. */
export const NAME_MINIMUM = 0.88;
/** Combined similarity (name 60 %, company 40 %, or the name alone discounted) to suggest. */
export const SUGGESTION_THRESHOLD = 0.85;
/** Without both companies the name is weaker evidence. */
const NAME_ONLY_FACTOR = 0.93;

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Exact-match keys of a lead: its phone and e-mail as they compare. */
export function identityKeys(lead: Pick<LeadIdentity, 'email' | 'phone'>) {
  return { phone: phoneKey(lead.phone), email: emailKey(lead.email) };
}

/**
 * Exact-match lookup over many leads (a board, an import file): built once, then O(1) per
 * candidate, so 10,000 rows against 10,000 leads stays linear.
 */
export class IdentityIndex {
  private readonly byPhone = new Map<string, string>();
  private readonly byEmail = new Map<string, string>();

  constructor(leads: Iterable<LeadIdentity> = []) {
    for (const lead of leads) this.add(lead);
  }

  /** Registers a lead's keys; the first lead with a key keeps it. */
  add(lead: LeadIdentity) {
    const keys = identityKeys(lead);
    if (keys.phone && !this.byPhone.has(keys.phone)) this.byPhone.set(keys.phone, lead.id);
    if (keys.email && !this.byEmail.has(keys.email)) this.byEmail.set(keys.email, lead.id);
  }

  /** Forgets the keys that point at this lead (after it was merged away or deleted). */
  remove(lead: LeadIdentity) {
    const keys = identityKeys(lead);
    if (keys.phone && this.byPhone.get(keys.phone) === lead.id) this.byPhone.delete(keys.phone);
    if (keys.email && this.byEmail.get(keys.email) === lead.id) this.byEmail.delete(keys.email);
  }

  /** The lead this one duplicates exactly, phone first (people change e-mail more than phone). */
  find(
    candidate: Pick<LeadIdentity, 'email' | 'phone'>,
  ): { leadId: string; reason: DuplicateReason } | null {
    const keys = identityKeys(candidate);
    const byPhone = keys.phone ? this.byPhone.get(keys.phone) : undefined;
    if (byPhone) return { leadId: byPhone, reason: { code: 'same_phone', phone: keys.phone! } };
    const byEmail = keys.email ? this.byEmail.get(keys.email) : undefined;
    if (byEmail) return { leadId: byEmail, reason: { code: 'same_email', email: keys.email! } };
    return null;
  }
}

interface Folded {
  lead: LeadIdentity;
  name: string;
  company: string;
  phone: string | null;
  email: string | null;
}

const fold = (lead: LeadIdentity): Folded => ({
  lead,
  name: foldText(lead.name),
  company: foldCompany(lead.company),
  ...identityKeys(lead),
});

/** How alike two leads are, with the reasons; null when they are not worth suggesting. */
function compare(a: Folded, b: Folded): DuplicateSuggestion | null {
  const reasons: DuplicateReason[] = [];
  if (a.phone && a.phone === b.phone) reasons.push({ code: 'same_phone', phone: a.phone });
  if (a.email && a.email === b.email) reasons.push({ code: 'same_email', email: a.email });
  const nameSimilarity = textSimilarity(a.name, b.name);
  const bothCompanies = !!a.company && !!b.company;
  const companySimilarity = bothCompanies ? textSimilarity(a.company, b.company) : 0;
  const combined = bothCompanies
    ? 0.6 * nameSimilarity + 0.4 * companySimilarity
    : nameSimilarity * NAME_ONLY_FACTOR;
  const near = nameSimilarity >= NAME_MINIMUM && combined >= SUGGESTION_THRESHOLD;
  if (near || reasons.length) {
    if (nameSimilarity >= NAME_MINIMUM)
      reasons.push({ code: 'similar_name', similarity: round2(nameSimilarity) });
    if (bothCompanies && companySimilarity >= NAME_MINIMUM)
      reasons.push({ code: 'similar_company', similarity: round2(companySimilarity) });
  }
  if (!reasons.length) return null;
  const exact = reasons.some((r) => r.code === 'same_phone' || r.code === 'same_email');
  return { leadId: b.lead.id, similarity: exact ? 1 : round2(combined), exact, reasons };
}

/** Leads that may be the same person as `lead`, most alike first. */
export function suggestDuplicates(
  lead: LeadIdentity,
  others: Iterable<LeadIdentity>,
  limit = 10,
): DuplicateSuggestion[] {
  const target = fold(lead);
  const found: DuplicateSuggestion[] = [];
  for (const other of others) {
    if (other.id === lead.id) continue;
    const suggestion = compare(target, fold(other));
    if (suggestion) found.push(suggestion);
  }
  return found
    .sort(
      (x, y) =>
        Number(y.exact) - Number(x.exact) ||
        y.similarity - x.similarity ||
        x.leadId.localeCompare(y.leadId),
    )
    .slice(0, limit);
}
