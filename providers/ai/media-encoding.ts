/**
 * @module Minimal encoders for real media files made in the Worker: PNG (truecolor, zlib via the
 * runtime's CompressionStream) and WAV (16-bit PCM mono). The sandbox provider uses them so its
 * outputs open in any viewer or player.
 */

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array, crc = 0xffffffff): number {
  let c = crc;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return c;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}

function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const chunk = new Uint8Array(12 + data.byteLength);
  const view = new DataView(chunk.buffer);
  view.setUint32(0, data.byteLength);
  for (let i = 0; i < 4; i++) chunk[4 + i] = type.charCodeAt(i);
  chunk.set(data, 8);
  view.setUint32(
    8 + data.byteLength,
    (crc32(chunk.subarray(4, 8 + data.byteLength)) ^ 0xffffffff) >>> 0,
  );
  return chunk;
}

export type Pixel = (x: number, y: number) => readonly [number, number, number];

/**
 * An RGB PNG of `width`×`height` whose colors come from `pixel`. `onRows` hears how many rows are
 * done, so a caller can report progress on large images.
 */
export async function encodePng(
  width: number,
  height: number,
  pixel: Pixel,
  onRows?: (done: number) => Promise<void> | void,
): Promise<Uint8Array> {
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit depth, truecolor, deflate, no filter set, no interlace

  const deflate = new CompressionStream('deflate'); // zlib format, as PNG's IDAT requires
  const compressed = new Response(deflate.readable).arrayBuffer();
  const writer = deflate.writable.getWriter();
  const stride = width * 3 + 1;
  for (let y = 0; y < height; y++) {
    const row = new Uint8Array(stride); // row[0] = 0: no filter
    for (let x = 0; x < width; x++) row.set(pixel(x, y), 1 + x * 3);
    await writer.write(row);
    if (onRows && ((y + 1) % 64 === 0 || y + 1 === height)) await onRows(y + 1);
  }
  await writer.close();
  const signature = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]);
  return concat([
    signature,
    pngChunk('IHDR', header),
    pngChunk('IDAT', new Uint8Array(await compressed)),
    pngChunk('IEND', new Uint8Array()),
  ]);
}

/** A mono 16-bit PCM WAV file of the given samples (-1…1). */
export function encodeWav(samples: Float32Array, sampleRate: number): Uint8Array {
  const dataBytes = samples.length * 2;
  const out = new Uint8Array(44 + dataBytes);
  const view = new DataView(out.buffer);
  const ascii = (offset: number, text: string) => {
    for (let i = 0; i < text.length; i++) out[offset + i] = text.charCodeAt(i);
  };
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + dataBytes, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true); // fmt chunk size
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2, true); // byte rate
  view.setUint16(32, 2, true); // block align
  view.setUint16(34, 16, true); // bits per sample
  ascii(36, 'data');
  view.setUint32(40, dataBytes, true);
  for (let i = 0; i < samples.length; i++) {
    const s = Math.max(-1, Math.min(1, samples[i]!));
    view.setInt16(44 + i * 2, Math.round(s * 32767), true);
  }
  return out;
}
