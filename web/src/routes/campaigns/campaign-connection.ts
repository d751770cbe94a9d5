/**
 * One campaign draft's shared document, synced with its CampaignRoom over WebSocket (a fresh room
 * ticket on each connect, since tickets live a minute), read as a Solid store and written through
 * small Yjs transactions, with presence (who is here, which ad set each is editing) on awareness.
 * The document's shape and its helpers live in rooms/campaign-doc.ts, shared with the room.
 */
import { createSignal, onCleanup } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import * as Y from 'yjs';
import {
  adMap,
  adSetMap,
  adSetsRoot,
  type CampaignDraft,
  campaignRoot,
  type DraftAd,
  type DraftAdSet,
  hasDraft,
  type Proposal,
  readDraft,
  readProposals,
} from '../../../../domain/ads/campaign-doc.ts';
import { connectRoom, presencesIn, type RoomUser } from '../../lib/room-client.ts';
import { diffText } from '../../lib/text-diff.ts';

export const CAMPAIGN_ROOM = 'campaign-room';

export interface PresenceState {
  user: RoomUser;
  /** The ad set (or ad) the person is editing, to show their avatar beside it. */
  focus: string | null;
}

export function connectCampaign(campaignId: string, user: RoomUser) {
  const doc = new Y.Doc();
  const provider = connectRoom(CAMPAIGN_ROOM, campaignId, doc);
  const [draft, setDraft] = createStore<{ value: CampaignDraft | null; proposals: Proposal[] }>({
    value: null,
    proposals: [],
  });
  const [connected, setConnected] = createSignal(false);
  const [people, setPeople] = createSignal<PresenceState[]>([]);

  const read = () => {
    setDraft(
      'value',
      reconcile(hasDraft(doc) ? (readDraft(doc) as unknown as CampaignDraft) : null, { key: 'id' }),
    );
    setDraft('proposals', reconcile(readProposals(doc), { key: 'id' }));
  };
  doc.on('update', read);
  provider.on('status', () => setConnected(provider.wsconnected));
  provider.on('sync', read);
  const readPeople = () => {
    const seen = new Map<string, PresenceState>();
    for (const presence of presencesIn<PresenceState>(provider.awareness))
      seen.set(presence.user.id, presence);
    setPeople([...seen.values()]);
  };
  provider.awareness.on('change', readPeople);
  provider.awareness.setLocalState({ user, focus: null } satisfies PresenceState);

  const adSetAt = (i: number) => adSetsRoot(doc).get(i);
  /** The ads of ad set `i` (an empty list when a colleague just removed the set). */
  const adsOf = (i: number) =>
    (adSetAt(i)?.get('ads') as Y.Array<Y.Map<unknown>> | undefined) ??
    new Y.Array<Y.Map<unknown>>();
  const adAt = (i: number, j: number) => adsOf(i).get(j) as Y.Map<unknown> | undefined;

  const edit = {
    campaign(field: 'name' | 'objective' | 'productId', value: unknown) {
      doc.transact(() => campaignRoot(doc).set(field, value));
    },
    adSet(i: number, field: keyof Omit<DraftAdSet, 'ads' | 'id'>, value: unknown) {
      doc.transact(() => {
        const set = adSetAt(i);
        if (!set) return;
        if (field === 'countries' || field === 'placements')
          set.set(field, Y.Array.from(value as string[]));
        else set.set(field, value);
      });
    },
    addAdSet(adSet: DraftAdSet) {
      doc.transact(() => adSetsRoot(doc).push([adSetMap(adSet)]));
    },
    removeAdSet(i: number) {
      doc.transact(() => adSetsRoot(doc).delete(i, 1));
    },
    addAd(i: number, ad: DraftAd) {
      doc.transact(() => adsOf(i).push([adMap(ad)]));
    },
    removeAd(i: number, j: number) {
      doc.transact(() => adsOf(i).delete(j, 1));
    },
    ad(
      i: number,
      j: number,
      field: 'name' | 'callToAction' | 'imageUrl' | 'landingUrl',
      value: string,
    ) {
      doc.transact(() => adAt(i, j)?.set(field, value));
    },
    /** Only the changed span goes into the shared text, so a colleague's typing survives. */
    adText(i: number, j: number, field: 'headline' | 'body', next: string, cursor?: number) {
      const text = adAt(i, j)?.get(field) as Y.Text | undefined;
      if (!text) return;
      const change = diffText(text.toString(), next, cursor);
      if (!change) return;
      doc.transact(() => {
        if (change.remove) text.delete(change.index, change.remove);
        if (change.insert) text.insert(change.index, change.insert);
      });
    },
    creativeRef(i: number, j: number, kind: 'headline' | 'body' | 'cta' | 'image', id: string) {
      doc.transact(() =>
        (adAt(i, j)?.get('creativeRefs') as Y.Map<unknown> | undefined)?.set(kind, id),
      );
    },
  };

  const close = () => {
    provider.awareness.off('change', readPeople);
    provider.destroy();
    doc.destroy();
  };
  onCleanup(close);

  return {
    draft,
    connected,
    people,
    edit,
    focus(target: string | null) {
      provider.awareness.setLocalStateField('focus', target);
    },
  };
}

export type CampaignConnection = ReturnType<typeof connectCampaign>;
