/**
 * @module CampaignRoom: the Yjs document of one campaign draft, co-edited with presence, plus its
 * approval queue. Connections arrive only through `routeRoomRequest`.
 */
import { YServer } from 'y-partyserver';
import type { Env } from '../worker/env.ts';

export class CampaignRoom extends YServer<Env> {
  static override options = { hibernate: true };
}
