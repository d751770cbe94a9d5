/**
 * @module EchoRoom: relays each WebSocket message to every other connection and does nothing else.
 * It exists for `npm run bench:sync` as the floor a realtime room is measured against (the cost
 * of the Worker, a Durable Object and a WebSocket hop with no Yjs, no storage), and is reachable
 * only through the development route `/api/dev/echo/:id`.
 */
import { type Connection, Server, type WSMessage } from 'partyserver';
import type { Env } from '../platform/env.ts';

export class EchoRoom extends Server<Env> {
  static override options = { hibernate: true };

  override onMessage(sender: Connection, message: WSMessage) {
    for (const connection of this.getConnections()) {
      if (connection.id !== sender.id) connection.send(message);
    }
  }
}
