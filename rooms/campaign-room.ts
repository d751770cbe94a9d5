/**
 * @module CampaignRoom: the Yjs document of one campaign draft (see campaign-doc.ts for its shape),
 * co-edited live with presence, plus its approval queue. One room per campaign, named by the
 * campaign id. Connections arrive only through `routeRoomRequest`, which has checked the room
 * ticket and passes the person's role on; viewers receive every change but their own document
 * updates are dropped here (y-partyserver's read-only mode), whatever their client sends.
 *
 * The Worker reaches the room by RPC: it seeds a fresh room from D1, reads the draft to publish,
 * replaces it for REST clients, and adds and settles proposals. Every RPC names the org, and a
 * room refuses another org's call. The document is saved in the DO's storage (debounced).
 */
import type { Connection, ConnectionContext } from 'partyserver';
import { YServer } from 'y-partyserver';
import * as Y from 'yjs';
import {
  addProposal,
  type CampaignDraft,
  clearDraft,
  hasDraft,
  type Proposal,
  type ProposalStatus,
  readDraft,
  readProposals,
  settleProposal,
  writeDraft,
} from '../domain/ads/campaign-doc.ts';
import type { Env } from '../platform/env.ts';
import { decodeIdentity, type RoomIdentity } from '../platform/room-identity.ts';

const DOC_KEY = 'doc';
const ORG_KEY = 'orgId';

interface ConnectionState {
  role: RoomIdentity['role'] | null;
  userId: string | null;
}

export class CampaignRoom extends YServer<Env> {
  static override options = { hibernate: true };
  static override callbackOptions = { debounceWait: 300, debounceMaxWait: 2_000 };

  override async onLoad() {
    const saved = await this.ctx.storage.get<Uint8Array>(DOC_KEY);
    if (saved) Y.applyUpdate(this.document, saved);
  }

  override async onSave() {
    await this.ctx.storage.put(DOC_KEY, Y.encodeStateAsUpdate(this.document));
  }

  override onConnect(connection: Connection, ctx: ConnectionContext) {
    const identity = decodeIdentity(ctx.request);
    connection.setState({
      role: identity?.role ?? null,
      userId: identity?.userId ?? null,
    } satisfies ConnectionState);
    return super.onConnect(connection, ctx);
  }

  /** Anyone the ticket did not name as a writer only watches. */
  override isReadOnly(connection: Connection): boolean {
    const role = (connection.state as ConnectionState | null)?.role;
    return !(role === 'owner' || role === 'admin' || role === 'member');
  }

  private async claim(orgId: string): Promise<void> {
    const owner = await this.ctx.storage.get<string>(ORG_KEY);
    if (owner === undefined) await this.ctx.storage.put(ORG_KEY, orgId);
    else if (owner !== orgId)
      throw new Error('This campaign room belongs to another organization.');
  }

  /** Writes the seed unless the room already holds a draft; returns the draft as it stands. */
  async ensureDraft(orgId: string, seed: CampaignDraft): Promise<Record<string, unknown>> {
    await this.claim(orgId);
    if (!hasDraft(this.document)) writeDraft(this.document, seed);
    await this.onSave();
    return readDraft(this.document);
  }

  async draft(orgId: string): Promise<Record<string, unknown> | null> {
    await this.claim(orgId);
    return hasDraft(this.document) ? readDraft(this.document) : null;
  }

  async replaceDraft(orgId: string, draft: CampaignDraft): Promise<Record<string, unknown>> {
    await this.claim(orgId);
    writeDraft(this.document, draft);
    await this.onSave();
    return readDraft(this.document);
  }

  async proposals(orgId: string): Promise<Proposal[]> {
    await this.claim(orgId);
    return readProposals(this.document);
  }

  async addProposal(orgId: string, proposal: Proposal): Promise<boolean> {
    await this.claim(orgId);
    const added = addProposal(this.document, proposal);
    if (added) await this.onSave();
    return added;
  }

  async settleProposal(
    orgId: string,
    id: string,
    decision: {
      status: Exclude<ProposalStatus, 'pending'>;
      by: string | null;
      note: string | null;
      at: string;
    },
  ): Promise<Proposal | null> {
    await this.claim(orgId);
    const settled = settleProposal(this.document, id, decision);
    await this.onSave();
    return settled;
  }

  /** The campaign was deleted: close its sockets and empty the draft (the id is never reused). */
  async destroy(orgId: string): Promise<void> {
    await this.claim(orgId);
    for (const connection of this.getConnections()) connection.close(1000, 'Campaign deleted');
    clearDraft(this.document);
    await this.onSave();
  }
}
