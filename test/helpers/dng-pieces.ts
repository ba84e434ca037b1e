import { deflateSync } from 'node:zlib';
import type { IfdEntry } from '../../main/io/tiff-ifd';
import { encodeLosslessJpeg } from './lossless-jpeg';
import type { Exposure } from './synthetic-dng';

/** The raw image cut into strips or tiles, each encoded, and the tags that locate them (offsets from `at`). */
export interface Pieces {
  readonly tags: IfdEntry[];
  readonly bytes: Uint8Array[];
  readonly bitsPerSample: number;
  readonly compression: number;
  readonly predictor?: number;
}

function packBits(values: ArrayLike<number>, bits: number): Uint8Array {
  const out = new Uint8Array(Math.ceil((values.length * bits) / 8));
  let bit = 0;
  for (let k = 0; k < values.length; k++) {
    for (let b = bits - 1; b >= 0; b--, bit++) if ((values[k]! >> b) & 1) out[bit >> 3]! |= 0x80 >> (bit & 7);
  }
  return out;
}

function words(values: ArrayLike<number>, le: boolean): Uint8Array {
  const out = new Uint8Array(values.length * 2);
  const view = new DataView(out.buffer);
  for (let k = 0; k < values.length; k++) view.setUint16(2 * k, values[k]!, le);
  return out;
}

function encodePiece(values: Uint16Array, width: number, rows: number, exposure: Exposure): Uint8Array {
  const layout = exposure.layout ?? {};
  const bits = layout.bits ?? 14;
  const le = !exposure.bigEndian;
  if (layout.compression === 'ljpeg') {
    const c = layout.ljpegComponents ?? 1;
    return encodeLosslessJpeg(values, width / c, rows, c, bits);
  }
  if (layout.compression === 'deflate') {
    const diff = values.slice();
    for (let r = 0; r < rows; r++)
      for (let j = width - 1; j > 0; j--)
        diff[r * width + j] = (values[r * width + j]! - values[r * width + j - 1]!) & 0xffff;
    return deflateSync(words(diff, le));
  }
  if (!layout.packed) return words(values, le);
  const rowBytes = Math.ceil((width * bits) / 8);
  const out = new Uint8Array(rowBytes * rows);
  for (let r = 0; r < rows; r++) out.set(packBits(values.subarray(r * width, (r + 1) * width), bits), r * rowBytes);
  return out;
}

export function cut(codes: Uint16Array, width: number, height: number, exposure: Exposure, at: number): Pieces {
  const layout = exposure.layout ?? {};
  const tile = layout.tile;
  const pw = tile ?? width;
  const ph = tile ?? layout.rowsPerStrip ?? height;
  const bytes: Uint8Array[] = [];
  for (let top = 0; top < height; top += ph) {
    for (let left = 0; left < width; left += pw) {
      const rows = tile ? ph : Math.min(ph, height - top);
      const piece = new Uint16Array(pw * rows);
      // Edge tiles are padded by repeating the last row and column, as DNG writers do.
      for (let r = 0; r < rows; r++) {
        for (let c = 0; c < pw; c++)
          piece[r * pw + c] = codes[Math.min(top + r, height - 1) * width + Math.min(left + c, width - 1)]!;
      }
      bytes.push(encodePiece(piece, pw, rows, exposure));
    }
  }
  const offsets: number[] = [];
  let next = at;
  for (const b of bytes) {
    offsets.push(next);
    next += b.length + (b.length & 1);
  }
  const counts = bytes.map((b) => b.length);
  const tags: IfdEntry[] = tile
    ? [
        { tag: 322, type: 'long', values: [tile] },
        { tag: 323, type: 'long', values: [tile] },
        { tag: 324, type: 'long', values: offsets },
        { tag: 325, type: 'long', values: counts },
      ]
    : [
        { tag: 273, type: 'long', values: offsets },
        { tag: 278, type: 'long', values: [ph] },
        { tag: 279, type: 'long', values: counts },
      ];
  const bits = layout.bits ?? 14;
  const compression = layout.compression === 'ljpeg' ? 7 : layout.compression === 'deflate' ? 8 : 1;
  return {
    tags,
    bytes: bytes.flatMap((b) => (b.length & 1 ? [b, new Uint8Array(1)] : [b])),
    bitsPerSample: compression === 7 || layout.packed ? bits : 16,
    compression,
    ...(compression === 8 && { predictor: 2 }),
  };
}
