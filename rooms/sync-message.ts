/**
 * @module Checks a client's y-protocols message before the room acts on it. y-protocols logs and
 * swallows an update it cannot decode, so a broken client would stay connected, silently losing
 * its edits; the room instead decodes each message fully first and closes a connection that sends
 * one that does not decode.
 *
 * Framing: varuint message type (0 sync, 1 awareness), then for sync a varuint step (0 state
 * vector, 1 state update, 2 update) and a length-prefixed payload; awareness is one
 * length-prefixed payload of entries (client id, clock, JSON state).
 */
import * as Y from 'yjs';

const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const SYNC_STEP_1 = 0;
const utf8 = new TextDecoder();

/** Whether `bytes` is one complete, decodable sync or awareness message. */
export function isWellFormedMessage(bytes: Uint8Array): boolean {
  try {
    const reader = { bytes, at: 0 };
    const type = readVarUint(reader);
    if (type === MESSAGE_AWARENESS) {
      readAwarenessUpdate(readPayload(reader));
    } else if (type === MESSAGE_SYNC) {
      const step = readVarUint(reader);
      if (step > 2) return false;
      const payload = readPayload(reader);
      if (step === SYNC_STEP_1) Y.decodeStateVector(payload);
      else Y.decodeUpdate(payload);
    } else {
      return false;
    }
    return reader.at === bytes.length;
  } catch {
    return false;
  }
}

/** Count, then per entry a client id, a clock and a JSON state; throws if any part is off. */
function readAwarenessUpdate(payload: Uint8Array) {
  const reader = { bytes: payload, at: 0 };
  const count = readVarUint(reader);
  for (let i = 0; i < count; i++) {
    readVarUint(reader);
    readVarUint(reader);
    JSON.parse(utf8.decode(readPayload(reader)));
  }
  if (reader.at !== payload.length) throw new RangeError('awareness update has trailing bytes');
}

interface Reader {
  bytes: Uint8Array;
  at: number;
}

function readVarUint(reader: Reader): number {
  let value = 0;
  for (let shift = 0; shift < 35; shift += 7) {
    const byte = reader.bytes[reader.at++];
    if (byte === undefined) throw new RangeError('message ends early');
    value += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) return value;
  }
  throw new RangeError('varuint too long');
}

function readPayload(reader: Reader): Uint8Array {
  const length = readVarUint(reader);
  if (reader.at + length > reader.bytes.length) throw new RangeError('payload ends early');
  const payload = reader.bytes.subarray(reader.at, reader.at + length);
  reader.at += length;
  return payload;
}
