/**
 * Live events of the active org (job progress, alerts…) over the OrgHub WebSocket. Each
 * (re)connect fetches a fresh room ticket, since tickets live a minute; drops reconnect with
 * backoff, and a ping keeps idle proxies from closing the socket.
 */
import { createSignal } from 'solid-js';
import type { ReceivedOrgEvent as OrgEvent } from '../../../domain/live-events.ts';
import { call, client } from './api.ts';

export type { OrgEvent };

export type LiveStatus = 'connecting' | 'open' | 'offline';

const PING_EVERY_MS = 30_000;
const MAX_BACKOFF_MS = 30_000;

const [liveStatus, setLiveStatus] = createSignal<LiveStatus>('offline');

export { liveStatus };

type OrgEventHandler = (event: OrgEvent) => void;
const handlers = new Set<OrgEventHandler>();

/**
 * Pages and widgets hear the org's events through here while they are shown; the shell owns the
 * one connection and hands every event to `dispatchOrgEvent`.
 */
export function onOrgEvent(handler: OrgEventHandler): () => void {
  handlers.add(handler);
  return () => handlers.delete(handler);
}

export function dispatchOrgEvent(event: OrgEvent) {
  for (const handler of handlers) handler(event);
}

/** Listens to the org's events until the returned function is called. */
export function listenToOrg(orgId: string, onEvent: (event: OrgEvent) => void): () => void {
  let stopped = false;
  let socket: WebSocket | null = null;
  let attempt = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let pingTimer: ReturnType<typeof setInterval> | undefined;

  const scheduleReconnect = () => {
    clearInterval(pingTimer);
    if (stopped) return;
    setLiveStatus('offline');
    const delay = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** attempt) * (0.75 + Math.random() / 2);
    attempt++;
    retryTimer = setTimeout(connect, delay);
  };

  async function connect() {
    if (stopped) return;
    setLiveStatus('connecting');
    let url: string;
    try {
      ({ url } = await call(
        client.POST('/api/v1/rooms/tickets', { body: { room: 'org-hub', id: orgId } }),
      ));
    } catch {
      return scheduleReconnect();
    }
    if (stopped) return;
    const origin = location.origin.replace(/^http/, 'ws');
    socket = new WebSocket(`${origin}${url}`);
    socket.addEventListener('open', () => {
      attempt = 0;
      setLiveStatus('open');
      pingTimer = setInterval(() => socket?.send('ping'), PING_EVERY_MS);
    });
    socket.addEventListener('message', (message) => {
      if (typeof message.data !== 'string' || message.data === 'pong') return;
      try {
        onEvent(JSON.parse(message.data) as OrgEvent);
      } catch {
        // Not ours to understand; the hub only sends JSON events.
      }
    });
    socket.addEventListener('close', scheduleReconnect);
  }

  void connect();
  return () => {
    stopped = true;
    clearTimeout(retryTimer);
    clearInterval(pingTimer);
    socket?.close(1000);
    setLiveStatus('offline');
  };
}
