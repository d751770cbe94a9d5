/**
 * @module Signed short-lived tokens (jose, HS256): API access tokens and realtime room tickets.
 * Verification pins the algorithm, issuer and audience, so `alg: none`, tokens signed with
 * another key and tokens minted for another purpose are all refused.
 */
import { jwtVerify, SignJWT } from 'jose';
import type { Role } from '../domain/permissions.ts';

const ISSUER = 'gestorlead';
export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
export const ROOM_TICKET_TTL_SECONDS = 60;

type Audience = 'api' | 'room' | 'oidc-flow' | 'sandbox-checkout';

const keys = new Map<string, Uint8Array>();
function keyFor(secret: string): Uint8Array {
  let key = keys.get(secret);
  if (!key) {
    key = new TextEncoder().encode(secret);
    keys.set(secret, key);
  }
  return key;
}

export async function signToken(
  secret: string,
  audience: Audience,
  subject: string,
  claims: Record<string, unknown>,
  ttlSeconds: number,
): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(ISSUER)
    .setAudience(audience)
    .setSubject(subject)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(keyFor(secret));
}

/** The verified payload, or null for anything expired, tampered, mis-signed or mis-addressed. */
export async function verifyToken<T extends Record<string, unknown>>(
  secret: string,
  audience: Audience,
  token: string,
): Promise<(T & { sub: string }) | null> {
  try {
    const { payload } = await jwtVerify(token, keyFor(secret), {
      issuer: ISSUER,
      audience,
      algorithms: ['HS256'],
    });
    if (typeof payload.sub !== 'string') return null;
    return payload as T & { sub: string };
  } catch {
    return null;
  }
}

export interface AccessClaims extends Record<string, unknown> {
  org: string;
  role: Role;
}

export const signAccessToken = (secret: string, userId: string, claims: AccessClaims) =>
  signToken(secret, 'api', userId, claims, ACCESS_TOKEN_TTL_SECONDS);

export const verifyAccessToken = (secret: string, token: string) =>
  verifyToken<AccessClaims>(secret, 'api', token);

/** A room ticket names the org, the room kind and id, and the role the holder joins with. */
export interface RoomTicketClaims extends Record<string, unknown> {
  org: string;
  room: string;
  id: string;
  role: Role;
  name: string;
}

export const signRoomTicket = (secret: string, userId: string, claims: RoomTicketClaims) =>
  signToken(secret, 'room', userId, claims, ROOM_TICKET_TTL_SECONDS);

export const verifyRoomTicket = (secret: string, token: string) =>
  verifyToken<RoomTicketClaims>(secret, 'room', token);
