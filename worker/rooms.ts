/**
 * @module The door to the realtime rooms. A WebSocket to `/parties/<room>/<id>` must carry a room
 * ticket (`?ticket=`, from `POST /api/v1/rooms/tickets`) naming that room and id; the ticket is
 * checked here, before the Durable Object sees the request, and the verified identity travels on
 * as a header the client cannot forge (any client copy is dropped).
 */
import { routePartykitRequest } from 'partyserver';
import type { Env } from '../platform/env.ts';
import { Problem, problemResponse } from '../platform/problem.ts';
import { type RoomTicketClaims, verifyRoomTicket } from '../platform/tokens.ts';

export const IDENTITY_HEADER = 'x-gl-identity';

export interface RoomIdentity {
  userId: string;
  orgId: string;
  name: string;
  role: RoomTicketClaims['role'];
}

/** Base64 JSON, because header values must be ASCII and names like "Usuário" are not. */
export function encodeIdentity(identity: RoomIdentity): string {
  return btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify(identity))));
}

export function decodeIdentity(request: Request): RoomIdentity | null {
  const header = request.headers.get(IDENTITY_HEADER);
  if (!header) return null;
  const bytes = Uint8Array.from(atob(header), (ch) => ch.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes)) as RoomIdentity;
}

const refuse = (status: 401 | 403, detail: string) =>
  problemResponse(new Problem(status, status === 401 ? 'Unauthorized' : 'Forbidden', detail));

export async function routeRoomRequest(request: Request, env: Env): Promise<Response | null> {
  return routePartykitRequest(request, env, {
    prefix: 'parties',
    onBeforeConnect: async (req, lobby) => {
      const ticket = new URL(req.url).searchParams.get('ticket');
      if (!ticket) return refuse(401, 'A room ticket is required.');
      const claims = await verifyRoomTicket(env.JWT_SECRET, ticket);
      if (!claims) return refuse(401, 'The room ticket is invalid or expired.');
      // The room kind as the URL names it (`/parties/<room>/<id>`); `lobby.party` is deprecated.
      const room = new URL(req.url).pathname.split('/')[2];
      if (claims.room !== room || claims.id !== lobby.name)
        return refuse(403, 'This ticket is for another room.');
      const headers = new Headers(req.headers);
      headers.set(
        IDENTITY_HEADER,
        encodeIdentity({
          userId: claims.sub,
          orgId: claims.org,
          name: claims.name,
          role: claims.role,
        }),
      );
      return new Request(req, { headers });
    },
    // Rooms speak WebSocket only; their data is read and written through the REST API.
    onBeforeRequest: () => refuse(403, 'Rooms accept WebSocket connections only.'),
  });
}
