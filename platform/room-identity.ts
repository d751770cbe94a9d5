/**
 * @module Who is on the other end of a room's socket: the door (worker/rooms.ts) verifies the room
 * ticket and passes the identity on in a header the client cannot forge; the rooms read it here.
 */
import type { RoomTicketClaims } from './tokens.ts';

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
