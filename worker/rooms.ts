/**
 * @module The door to the realtime rooms. A WebSocket to `/parties/<room>/<id>` must carry a room
 * ticket (`?ticket=`, from `POST /api/v1/rooms/tickets`) naming that room and id; the ticket is
 * checked here, before the Durable Object sees the request, and the verified identity travels on
 * as a header the client cannot forge (any client copy is dropped).
 */
import { routePartykitRequest } from 'partyserver';
import type { Env } from '../platform/env.ts';
import { Problem, problemResponse } from '../platform/problem.ts';
import { encodeIdentity, IDENTITY_HEADER } from '../platform/room-identity.ts';
import { type RoomTicketClaims, verifyRoomTicket } from '../platform/tokens.ts';

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
