/**
 * @module The shape of a campaign draft's Yjs document, and the pure functions that read and write
 * it: the CampaignRoom uses them, and so can the web client and tests.
 *
 * Roots:
 * - `campaign` (Map): `name`, `objective`, `productId`; plus `platform` and `currency`, which the
 *   server sets (the publish check refuses a draft whose values changed).
 * - `adSets` (Array of Map): `id`, `name`, `dailyBudgetMinor`, `countries` (Array of string),
 *   `ageMin`, `ageMax`, `placements` (Array of string), `ads` (Array of Map).
 *   Each ad (Map): `id`, `name`, `headline` and `body` (Text, so two people typing in the same
 *   copy merge by character), `callToAction`, `imageUrl`, `landingUrl`, `creativeRefs` (Map).
 * - `proposals` (Array of Map): the autopilot's proposed changes awaiting approval (see
 *   `Proposal`); people approve or reject them through the API, which records who did.
 *
 * Presence rides on Yjs awareness (each client sets `{user: {id, name, color}, focus}`); the room
 * does not store it.
 */
import * as Y from 'yjs';

export interface DraftAd {
  id: string;
  name: string;
  headline: string;
  body: string;
  callToAction: string;
  imageUrl: string;
  landingUrl: string;
  creativeRefs: {
    headline?: string | null;
    body?: string | null;
    cta?: string | null;
    image?: string | null;
  };
}

export interface DraftAdSet {
  id: string;
  name: string;
  dailyBudgetMinor: number;
  countries: string[];
  ageMin: number;
  ageMax: number;
  placements: string[];
  ads: DraftAd[];
}

export interface CampaignDraft {
  name: string;
  objective: string;
  platform: string;
  currency: string;
  productId: string | null;
  adSets: DraftAdSet[];
}

export const PROPOSAL_STATUSES = ['pending', 'approved', 'rejected', 'expired'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

/** A change the autopilot proposes; `id` is its decision's key, so adding it twice is harmless. */
export interface Proposal {
  id: string;
  entityKind: 'ad_set' | 'ad' | 'campaign';
  entityId: string;
  /**
   * What would change, as a code the web words in the reader's language
   * (`autopilot.proposal.<type>[.<reason>]`) with its parameters (money in minor units and the org
   * currency); absent on proposals made before codes.
   */
  code?: string;
  params?: Record<string, string | number>;
  /** The same in English, for API clients and proposals made before codes. */
  summary: string;
  /** The decision itself (action, metrics, thresholds), as the autopilot recorded it. */
  detail: Record<string, unknown>;
  status: ProposalStatus;
  createdAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
  note: string | null;
}

const text = (value: string) => {
  const t = new Y.Text();
  t.insert(0, value);
  return t;
};

const strings = (values: string[]) => Y.Array.from(values);

export function adMap(ad: DraftAd): Y.Map<unknown> {
  return new Y.Map<unknown>(
    Object.entries({
      id: ad.id,
      name: ad.name,
      headline: text(ad.headline),
      body: text(ad.body),
      callToAction: ad.callToAction,
      imageUrl: ad.imageUrl,
      landingUrl: ad.landingUrl,
      creativeRefs: new Y.Map(Object.entries(ad.creativeRefs)),
    }),
  );
}

export function adSetMap(adSet: DraftAdSet): Y.Map<unknown> {
  return new Y.Map<unknown>(
    Object.entries({
      id: adSet.id,
      name: adSet.name,
      dailyBudgetMinor: adSet.dailyBudgetMinor,
      countries: strings(adSet.countries),
      ageMin: adSet.ageMin,
      ageMax: adSet.ageMax,
      placements: strings(adSet.placements),
      ads: Y.Array.from(adSet.ads.map(adMap)),
    }),
  );
}

export const campaignRoot = (doc: Y.Doc) => doc.getMap<unknown>('campaign');
export const adSetsRoot = (doc: Y.Doc) => doc.getArray<Y.Map<unknown>>('adSets');
export const proposalsRoot = (doc: Y.Doc) => doc.getArray<Y.Map<unknown>>('proposals');

/** Whether the document holds a draft yet (a fresh room is seeded from D1 once). */
export const hasDraft = (doc: Y.Doc) => campaignRoot(doc).has('name');

/** Replaces the whole draft (campaign fields and ad sets) in one transaction; proposals stay. */
export function writeDraft(doc: Y.Doc, draft: CampaignDraft, origin: unknown = null): void {
  doc.transact(() => {
    const campaign = campaignRoot(doc);
    campaign.set('name', draft.name);
    campaign.set('objective', draft.objective);
    campaign.set('platform', draft.platform);
    campaign.set('currency', draft.currency);
    campaign.set('productId', draft.productId);
    const adSets = adSetsRoot(doc);
    adSets.delete(0, adSets.length);
    adSets.insert(0, draft.adSets.map(adSetMap));
  }, origin);
}

export function clearDraft(doc: Y.Doc): void {
  doc.transact(() => {
    campaignRoot(doc).clear();
    adSetsRoot(doc).delete(0, adSetsRoot(doc).length);
    proposalsRoot(doc).delete(0, proposalsRoot(doc).length);
  });
}

/**
 * The draft as plain JSON, exactly as people left it — possibly incomplete or wrong: the publish
 * check validates it and names each bad field by its path.
 */
export function readDraft(doc: Y.Doc): Record<string, unknown> {
  return {
    ...campaignRoot(doc).toJSON(),
    adSets: adSetsRoot(doc).toJSON(),
  };
}

export function readProposals(doc: Y.Doc): Proposal[] {
  return proposalsRoot(doc).toJSON() as Proposal[];
}

/** Adds a proposal unless one with its id is there already; returns whether it was added. */
export function addProposal(doc: Y.Doc, proposal: Proposal): boolean {
  const root = proposalsRoot(doc);
  if (root.toArray().some((p) => p.get('id') === proposal.id)) return false;
  doc.transact(() => root.push([new Y.Map<unknown>(Object.entries(proposal))]));
  return true;
}

/**
 * Settles a pending proposal. Returns the proposal as it now stands, or null when there is no such
 * proposal; one already settled is returned unchanged (a second approval does nothing).
 */
export function settleProposal(
  doc: Y.Doc,
  id: string,
  decision: {
    status: Exclude<ProposalStatus, 'pending'>;
    by: string | null;
    note: string | null;
    at: string;
  },
): Proposal | null {
  const entry = proposalsRoot(doc)
    .toArray()
    .find((p) => p.get('id') === id);
  if (!entry) return null;
  if (entry.get('status') === 'pending')
    doc.transact(() => {
      entry.set('status', decision.status);
      entry.set('decidedAt', decision.at);
      entry.set('decidedBy', decision.by);
      entry.set('note', decision.note);
    });
  return entry.toJSON() as Proposal;
}
