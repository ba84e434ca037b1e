import type { BitDepth, GeoTag } from './source-info';
import { encodeIfd, ifdByteLength, type IfdEntry } from './tiff-ifd';

/** An uncompressed little-endian TIFF whose rows can be written one band after another. */
export interface StripTiffLayout {
  readonly width: number;
  readonly height: number;
  /** Colour channels plus alpha, if any. */
  readonly bands: number;
  readonly hasAlpha: boolean;
  readonly bitDepth: BitDepth;
  /** Copied verbatim: geo keys, tie points, pixel scale or transformation, no-data. */
  readonly geoTags?: readonly GeoTag[];
}

const HEADER_BYTES = 8;
const STRIP_TARGET_BYTES = 1 << 20;

interface Strips {
  readonly rowsPerStrip: number;
  readonly offsets: number[];
  readonly byteCounts: number[];
}

function entries(layout: StripTiffLayout, strips: Strips): IfdEntry[] {
  const { width, height, bands, hasAlpha, bitDepth } = layout;
  const colour = hasAlpha ? bands - 1 : bands;
  const rgb = colour >= 3;
  const extra = bands - (rgb ? 3 : 1);
  const list: IfdEntry[] = [
    { tag: 256, type: 'long', values: [width] },
    { tag: 257, type: 'long', values: [height] },
    { tag: 258, type: 'short', values: new Array<number>(bands).fill(bitDepth) },
    { tag: 259, type: 'short', values: [1] },
    { tag: 262, type: 'short', values: [rgb ? 2 : 1] },
    { tag: 273, type: 'long', values: strips.offsets },
    { tag: 277, type: 'short', values: [bands] },
    { tag: 278, type: 'long', values: [strips.rowsPerStrip] },
    { tag: 279, type: 'long', values: strips.byteCounts },
    { tag: 284, type: 'short', values: [1] },
    { tag: 305, type: 'ascii', values: 'GR2R Studio' },
    { tag: 339, type: 'short', values: new Array<number>(bands).fill(bitDepth === 32 ? 3 : 1) },
  ];
  if (extra > 0)
    list.push({
      tag: 338,
      type: 'short',
      values: Array.from({ length: extra }, (_, i) => (hasAlpha && i === extra - 1 ? 2 : 0)),
    });
  for (const g of layout.geoTags ?? []) list.push({ tag: g.tag, type: g.type, values: g.values });
  return list;
}

/** Bytes of one row of samples. */
export function rowBytes(layout: StripTiffLayout): number {
  return layout.width * layout.bands * (layout.bitDepth / 8);
}

/**
 * The header and directory of a strip TIFF, with every strip offset known in advance (the data is
 * uncompressed), so the rows can follow in order without going back: nothing but a band is ever held.
 */
export function stripTiffHead(layout: StripTiffLayout): Uint8Array {
  const row = rowBytes(layout);
  const rowsPerStrip = Math.max(1, Math.min(layout.height, Math.floor(STRIP_TARGET_BYTES / row)));
  const count = Math.ceil(layout.height / rowsPerStrip);
  const byteCounts = Array.from(
    { length: count },
    (_, s) => Math.min(rowsPerStrip, layout.height - s * rowsPerStrip) * row,
  );
  const placeholder = entries(layout, { rowsPerStrip, offsets: new Array<number>(count).fill(0), byteCounts });
  const dataStart = HEADER_BYTES + ifdByteLength(placeholder);
  if (dataStart + row * layout.height > 0xffffffff)
    throw new Error('the image is over 4 GB, too big for a classic TIFF');
  const offsets = byteCounts.map((_, s) => dataStart + s * rowsPerStrip * row);
  const ifd = encodeIfd(entries(layout, { rowsPerStrip, offsets, byteCounts }), HEADER_BYTES);
  const head = new Uint8Array(HEADER_BYTES + ifd.length);
  head.set([0x49, 0x49, 0x2a, 0, HEADER_BYTES, 0, 0, 0]);
  head.set(ifd, HEADER_BYTES);
  return head;
}
