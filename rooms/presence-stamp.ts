/**
 * @module Presence says who is on a board, so it must not be whatever a client claims: the room
 * rewrites each awareness state a connection sends with the person its room ticket names (id and
 * name), keeping only what the client may choose (its colour, the card it has open).
 *
 * Awareness message (y-protocols): varuint 1, then a length-prefixed update holding a varuint
 * count of entries, each a varuint client id, a varuint clock and the state as a JSON string
 * (`null` when the client left).
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

const MESSAGE_AWARENESS = 1;

export interface PresencePerson {
  userId: string;
  name: string;
}

/**
 * `message` with every state's `user` set to `person` (a colour the client picked is kept); other
 * messages come back unchanged. `message` must be well formed (sync-message.ts).
 */
export function stampPresence(message: Uint8Array, person: PresencePerson): Uint8Array {
  const outer = decoding.createDecoder(message);
  if (decoding.readVarUint(outer) !== MESSAGE_AWARENESS) return message;
  const update = decoding.createDecoder(decoding.readVarUint8Array(outer));
  const entries = encoding.createEncoder();
  const count = decoding.readVarUint(update);
  encoding.writeVarUint(entries, count);
  for (let i = 0; i < count; i++) {
    encoding.writeVarUint(entries, decoding.readVarUint(update));
    encoding.writeVarUint(entries, decoding.readVarUint(update));
    const state = JSON.parse(decoding.readVarString(update)) as unknown;
    encoding.writeVarString(entries, JSON.stringify(stampState(state, person)));
  }
  const out = encoding.createEncoder();
  encoding.writeVarUint(out, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(out, encoding.toUint8Array(entries));
  return encoding.toUint8Array(out);
}

function stampState(state: unknown, person: PresencePerson): unknown {
  if (state === null || typeof state !== 'object' || Array.isArray(state)) return state;
  const claimed = (state as { user?: unknown }).user;
  const color =
    claimed && typeof claimed === 'object' && 'color' in claimed ? claimed.color : undefined;
  return {
    ...state,
    user: {
      id: person.userId,
      name: person.name,
      ...(typeof color === 'string' && color.length <= 32 && { color }),
    },
  };
}
