/**
 * @module PipelineBoard: the Yjs document of one sales board, co-edited live by everyone on it.
 * Connections arrive only through `routeRoomRequest`, which has checked their room ticket.
 */
import { YServer } from 'y-partyserver';
import type { Env } from '../worker/env.ts';

export class PipelineBoard extends YServer<Env> {
  static override options = { hibernate: true };
}
