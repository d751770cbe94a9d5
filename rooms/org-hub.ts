/**
 * @module OrgHub: one per organization, the channel for live events (job progress, alerts,
 * credit balance). Services call `publish`; every open tab of the org receives the event.
 * Connections hibernate between events, so an idle org costs nothing.
 */
import { type Connection, Server } from 'partyserver';
import type { OrgEvent } from '../domain/live-events.ts';
import type { Env } from '../platform/env.ts';

export class OrgHub extends Server<Env> {
  static override options = { hibernate: true };

  /** Sends the event to every connection of the org; returns how many received it. */
  publish(event: OrgEvent): number {
    const message = JSON.stringify({ ...event, at: new Date().toISOString() });
    let delivered = 0;
    for (const connection of this.getConnections()) {
      connection.send(message);
      delivered++;
    }
    return delivered;
  }

  override onMessage(connection: Connection, message: string | ArrayBuffer) {
    // Clients only listen; a ping keeps proxies from closing idle sockets.
    if (message === 'ping') connection.send('pong');
  }
}
