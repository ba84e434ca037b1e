import { encodeIfd, ifdByteLength, type IfdEntry } from '../tiff-ifd';
import { TAG, type DngRaw } from './dng-raw';
import type { TiffDirectory } from './tiff-directories';

/**
 * Tags not copied: the layout of pixel data (rewritten), pointers to other directories or data (their targets are
 * not copied: EXIF is copied afterwards by exiftool), previews, the linearisation table (values are written
 * linear) and the noise profile (it described the noise the output no longer has).
 */
const NOT_COPIED = new Set([
  254,
  256,
  257,
  258,
  259,
  262,
  273,
  277,
  278,
  279,
  284,
  305,
  317,
  322,
  323,
  324,
  325,
  330,
  513,
  514,
  34665,
  34853,
  40965,
  37724,
  50740,
  50741,
  TAG.linearizationTable,
  51041,
]);

const HEADER_BYTES = 8;
const ROWS_PER_STRIP = 64;

function copiedEntries(ifd0: TiffDirectory, raw: DngRaw): IfdEntry[] {
  const merged = new Map<number, IfdEntry>();
  for (const dir of [ifd0, raw.dir]) {
    for (const [tag, entry] of dir.entries) if (!NOT_COPIED.has(tag)) merged.set(tag, entry);
  }
  return [...merged.values()];
}

function layoutEntries(raw: DngRaw, offsets: number[], counts: number[]): IfdEntry[] {
  const spp = raw.samplesPerPixel;
  return [
    { tag: 254, type: 'long', values: [0] },
    { tag: 256, type: 'long', values: [raw.width] },
    { tag: 257, type: 'long', values: [raw.height] },
    { tag: 258, type: 'short', values: new Array<number>(spp).fill(16) },
    { tag: 259, type: 'short', values: [1] },
    { tag: 262, type: 'short', values: [raw.kind === 'cfa' ? 32803 : 34892] },
    { tag: 273, type: 'long', values: offsets },
    { tag: 277, type: 'short', values: [spp] },
    { tag: 278, type: 'long', values: [ROWS_PER_STRIP] },
    { tag: 279, type: 'long', values: counts },
    { tag: 284, type: 'short', values: [1] },
    { tag: 305, type: 'ascii', values: 'GR2R Studio (denoised raw data)' },
  ];
}

/** A small 8-bit RGB picture of the raw data, stored as the DNG's preview (IFD1). */
export interface DngPreview {
  readonly width: number;
  readonly height: number;
  readonly rgb: Uint8Array;
}

function previewEntries(preview: DngPreview, offset: number): IfdEntry[] {
  return [
    { tag: 254, type: 'long', values: [1] },
    { tag: 256, type: 'long', values: [preview.width] },
    { tag: 257, type: 'long', values: [preview.height] },
    { tag: 258, type: 'short', values: [8, 8, 8] },
    { tag: 259, type: 'short', values: [1] },
    { tag: 262, type: 'short', values: [2] },
    { tag: 273, type: 'long', values: [offset] },
    { tag: 277, type: 'short', values: [3] },
    { tag: 278, type: 'long', values: [preview.height] },
    { tag: 279, type: 'long', values: [preview.rgb.length] },
    { tag: 284, type: 'short', values: [1] },
  ];
}

/**
 * A DNG with the source's camera tags (DNGVersion, colour matrices, white balance, CFA layout, black and white
 * levels, crop...) and `extra` entries (which replace copied ones), `raster` as its one uncompressed 16-bit raw image
 * in IFD0, little-endian, and `preview` as IFD1. Pieces to write one after the other.
 */
export function encodeDng(
  ifd0: TiffDirectory,
  raw: DngRaw,
  raster: Uint16Array,
  extra: readonly IfdEntry[] = [],
  preview?: DngPreview,
): Uint8Array[] {
  const rowBytes = raw.width * raw.samplesPerPixel * 2;
  const strips = Math.ceil(raw.height / ROWS_PER_STRIP);
  const counts = Array.from(
    { length: strips },
    (_, s) => Math.min(ROWS_PER_STRIP, raw.height - s * ROWS_PER_STRIP) * rowBytes,
  );
  const added = new Set(extra.map((e) => e.tag));
  const copied = [...copiedEntries(ifd0, raw).filter((e) => !added.has(e.tag)), ...extra];
  const dataStart =
    HEADER_BYTES + ifdByteLength([...copied, ...layoutEntries(raw, new Array<number>(strips).fill(0), counts)]);
  const previewIfdAt = dataStart + raster.byteLength;
  const previewBytes = preview ? ifdByteLength(previewEntries(preview, 0)) + preview.rgb.length : 0;
  if (previewIfdAt + previewBytes > 0xffffffff)
    throw new Error('the raw image is over 4 GB, too big for a classic TIFF');
  const offsets = counts.map((_, s) => dataStart + s * ROWS_PER_STRIP * rowBytes);
  const ifd = encodeIfd([...copied, ...layoutEntries(raw, offsets, counts)], HEADER_BYTES);
  const header = new Uint8Array([0x49, 0x49, 0x2a, 0, HEADER_BYTES, 0, 0, 0]);
  // Node is little-endian on every platform it supports: the samples are already in file order.
  const parts = [header, ifd, new Uint8Array(raster.buffer, raster.byteOffset, raster.byteLength)];
  if (!preview) return parts;
  const view = new DataView(ifd.buffer, ifd.byteOffset, ifd.byteLength);
  view.setUint32(2 + 12 * view.getUint16(0, true), previewIfdAt, true); // IFD0's next-IFD pointer
  const previewIfd = encodeIfd(
    previewEntries(preview, previewIfdAt + ifdByteLength(previewEntries(preview, 0))),
    previewIfdAt,
  );
  return [...parts, previewIfd, preview.rgb];
}
