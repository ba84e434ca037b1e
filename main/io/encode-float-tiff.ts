import type { GeoTag } from './source-info';
import { encodeIfd, ifdByteLength, type IfdEntry } from './tiff-ifd';

export interface FloatTiffLayout {
  readonly width: number;
  readonly height: number;
  readonly bands: number;
  readonly hasAlpha: boolean;
  /** Copied verbatim: geo keys, tie points, pixel scale or transformation, no-data. */
  readonly geoTags?: readonly GeoTag[];
}

const HEADER_BYTES = 8;
const STRIP_TARGET_BYTES = 1 << 20;

function imageEntries(
  layout: FloatTiffLayout,
  stripOffsets: number[],
  stripBytes: number[],
  rowsPerStrip: number,
): IfdEntry[] {
  const { width, height, bands, hasAlpha } = layout;
  const colour = hasAlpha ? bands - 1 : bands;
  const rgb = colour >= 3;
  const extra = bands - (rgb ? 3 : 1);
  const extraKinds = Array.from({ length: extra }, (_, i) => (hasAlpha && i === extra - 1 ? 2 : 0));
  const entries: IfdEntry[] = [
    { tag: 256, type: 'long', values: [width] },
    { tag: 257, type: 'long', values: [height] },
    { tag: 258, type: 'short', values: new Array<number>(bands).fill(32) },
    { tag: 259, type: 'short', values: [1] },
    { tag: 262, type: 'short', values: [rgb ? 2 : 1] },
    { tag: 273, type: 'long', values: stripOffsets },
    { tag: 277, type: 'short', values: [bands] },
    { tag: 278, type: 'long', values: [rowsPerStrip] },
    { tag: 279, type: 'long', values: stripBytes },
    { tag: 284, type: 'short', values: [1] },
    { tag: 305, type: 'ascii', values: 'GR2R Studio' },
    { tag: 339, type: 'short', values: new Array<number>(bands).fill(3) },
  ];
  if (extra > 0) entries.push({ tag: 338, type: 'short', values: extraKinds });
  for (const g of layout.geoTags ?? []) entries.push({ tag: g.tag, type: g.type, values: g.values });
  return entries;
}

/**
 * An uncompressed little-endian float32 TIFF, in pieces to write one after the other
 * (header and directory, then the samples without a copy). geotiff's writer is not used:
 * it adds a made-up WGS 84 georeference to plain rasters and caps the directory at 1000 bytes.
 */
export function encodeFloatTiff(samples: Float32Array, layout: FloatTiffLayout): Uint8Array[] {
  const rowBytes = layout.width * layout.bands * 4;
  const rowsPerStrip = Math.max(1, Math.min(layout.height, Math.floor(STRIP_TARGET_BYTES / rowBytes)));
  const strips = Math.ceil(layout.height / rowsPerStrip);
  const stripBytes = Array.from(
    { length: strips },
    (_, s) => Math.min(rowsPerStrip, layout.height - s * rowsPerStrip) * rowBytes,
  );
  const placeholder = imageEntries(layout, new Array<number>(strips).fill(0), stripBytes, rowsPerStrip);
  const dataStart = HEADER_BYTES + ifdByteLength(placeholder);
  if (dataStart + samples.byteLength > 0xffffffff)
    throw new Error('the image is over 4 GB, too big for a classic TIFF');
  const offsets = stripBytes.map((_, s) => dataStart + s * rowsPerStrip * rowBytes);
  const ifd = encodeIfd(imageEntries(layout, offsets, stripBytes, rowsPerStrip), HEADER_BYTES);
  const header = new Uint8Array([0x49, 0x49, 0x2a, 0, HEADER_BYTES, 0, 0, 0]);
  // Node runs little-endian on every platform it supports, so the samples are already in file order.
  return [header, ifd, new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength)];
}
