import { inflateSync } from 'node:zlib';
import UTIF from 'utif';
import { TAG, type DngRaw } from './dng-raw';
import { numbers } from './tiff-directories';

/** Strips or tiles of the raw image: where each lies in the file and which part of the raster it covers. */
interface Segments {
  readonly offsets: number[];
  readonly counts: number[];
  /** Width and height of one segment (a strip is the image's width; edge tiles are padded to full size). */
  readonly width: number;
  readonly height: number;
  readonly across: number;
}

function segments(raw: DngRaw): Segments {
  const tileWidth = numbers(raw.dir, 322)[0];
  if (tileWidth !== undefined) {
    return {
      offsets: numbers(raw.dir, 324),
      counts: numbers(raw.dir, 325),
      width: tileWidth,
      height: numbers(raw.dir, 323)[0] ?? raw.height,
      across: Math.ceil(raw.width / tileWidth),
    };
  }
  const rows = Math.min(numbers(raw.dir, 278)[0] ?? raw.height, raw.height);
  return { offsets: numbers(raw.dir, 273), counts: numbers(raw.dir, 279), width: raw.width, height: rows, across: 1 };
}

/** Every strip or tile of the raw image lies inside the file (a truncated file is said, not read as zeros). */
export function checkExtent(data: Uint8Array, raw: DngRaw): void {
  const { offsets, counts } = segments(raw);
  const end = Math.max(0, ...offsets.map((o, i) => o + (counts[i] ?? 0)));
  if (offsets.length === 0 || end > data.length) {
    throw new Error(
      `the raw data is incomplete (it ends at byte ${end}, the file at ${data.length}); the file may be truncated`,
    );
  }
}

/**
 * Samples of `count` values of `bits` bits each, packed most significant bit first (TIFF FillOrder 1, what DNG
 * requires), every row starting on a byte boundary (as dcraw's packed_dng_load_raw reads them). 16-bit samples
 * follow the file's byte order. No library unpacks 10/12/14-bit DNG rows (UTIF copies the bytes as they are).
 */
function unpack(bytes: Uint8Array, bits: number, perRow: number, rows: number, littleEndian: boolean): Uint16Array {
  const out = new Uint16Array(perRow * rows);
  if (bits === 16) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const n = Math.min(out.length, bytes.length >> 1);
    for (let i = 0; i < n; i++) out[i] = view.getUint16(2 * i, littleEndian);
    return out;
  }
  const rowBytes = Math.ceil((perRow * bits) / 8);
  for (let r = 0; r < rows; r++) {
    let at = r * rowBytes;
    let buffer = 0;
    let held = 0;
    for (let c = 0; c < perRow; c++) {
      while (held < bits) {
        buffer = ((buffer << 8) | (bytes[at++] ?? 0)) & 0xffffff;
        held += 8;
      }
      held -= bits;
      out[r * perRow + c] = (buffer >>> held) & ((1 << bits) - 1);
    }
  }
  return out;
}

/**
 * Undoes TIFF horizontal differencing (Predictor 2) and DNG's variants that difference with the sample 2 or 4
 * pixels back (34892, 34893): v[c] += v[c - stride] along each row, in 16-bit arithmetic.
 */
function undoPredictor(values: Uint16Array, predictor: number, perRow: number, spp: number): void {
  const stride = predictor === 2 ? spp : predictor === 34892 ? 2 * spp : predictor === 34893 ? 4 * spp : 0;
  if (stride === 0) {
    if (predictor !== 1) throw new Error(`predictor ${predictor} is not supported for integer raw data`);
    return;
  }
  for (let start = 0; start < values.length; start += perRow) {
    for (let c = start + stride; c < start + perRow; c++) values[c] = (values[c]! + values[c - stride]!) & 0xffff;
  }
}

/** One strip or tile's samples in raster order (segment width x height x samples). */
function decodeSegment(bytes: Uint8Array, raw: DngRaw, seg: Segments, littleEndian: boolean): Uint16Array {
  const compression = numbers(raw.dir, TAG.compression)[0] ?? 1;
  const perRow = seg.width * raw.samplesPerPixel;
  if (compression === 7) {
    // Lossless JPEG (ITU T.81 process 14) as DNG stores it, the frame possibly 2 or 4 components wide: its samples,
    // in scan order, are the segment's samples in raster order. UTIF.js decodes the Huffman stream.
    const samples = UTIF.LosslessJpegDecode(bytes);
    return samples instanceof Uint16Array ? samples : Uint16Array.from(samples);
  }
  if (compression === 8) {
    const values = unpack(inflateSync(bytes), raw.bitsPerSample, perRow, seg.height, littleEndian);
    undoPredictor(values, numbers(raw.dir, 317)[0] ?? 1, perRow, raw.samplesPerPixel);
    return values;
  }
  if (compression !== 1) throw new Error(`compression ${compression} of the raw data is not supported`);
  // Some writers store 10 to 14-bit samples in 16-bit words while saying their bit depth: the byte count tells.
  const bits = bytes.length >= perRow * seg.height * 2 && raw.bitsPerSample > 8 ? 16 : raw.bitsPerSample;
  return unpack(bytes, bits, perRow, seg.height, littleEndian);
}

/**
 * The raw raster's stored values (height x width x samples), linearised through the LinearizationTable if the file
 * has one: strips or tiles, uncompressed (8, 10, 12, 14 or 16 bits, packed), lossless JPEG or deflate.
 */
export function decodeRaster(data: Uint8Array, raw: DngRaw): Uint16Array {
  const seg = segments(raw);
  const littleEndian = data[0] === 0x49;
  const spp = raw.samplesPerPixel;
  const out = new Uint16Array(raw.width * raw.height * spp);
  const segmentRow = seg.width * spp;
  for (let s = 0; s < seg.offsets.length; s++) {
    const top = Math.floor(s / seg.across) * seg.height;
    const left = (s % seg.across) * seg.width;
    if (top >= raw.height) break;
    const bytes = data.subarray(seg.offsets[s], seg.offsets[s]! + (seg.counts[s] ?? 0));
    let values: Uint16Array;
    try {
      values = decodeSegment(bytes, raw, seg, littleEndian);
    } catch (error) {
      throw new Error(`the raw data cannot be decoded (${error instanceof Error ? error.message : String(error)})`, {
        cause: error,
      });
    }
    const rows = Math.min(seg.height, raw.height - top);
    const cols = Math.min(seg.width, raw.width - left) * spp;
    if (values.length < (rows - 1) * segmentRow + cols) {
      throw new Error(
        `the raw data is incomplete (a ${seg.width}x${seg.height} piece decodes to ${values.length} values); the file may be truncated`,
      );
    }
    for (let r = 0; r < rows; r++) {
      out.set(values.subarray(r * segmentRow, r * segmentRow + cols), ((top + r) * raw.width + left) * spp);
    }
  }
  const table = raw.linearization;
  if (table) for (let i = 0; i < out.length; i++) out[i] = table[Math.min(out[i]!, table.length - 1)]!;
  return out;
}
