import UTIF, { type UtifIfd } from 'utif';
import { TAG, type DngRaw } from './dng-raw';
import { numbers } from './tiff-directories';

function flatten(ifds: readonly UtifIfd[]): UtifIfd[] {
  return ifds.flatMap((d) => [d, ...flatten(d.subIFD ?? [])]);
}

function matches(ifd: UtifIfd, raw: DngRaw): boolean {
  const first = (tag: number): unknown => ifd[`t${tag}`]?.[0];
  return first(TAG.width) === raw.width && first(TAG.height) === raw.height && first(TAG.photometric) === (raw.kind === 'cfa' ? 32803 : 34892)
    && (first(TAG.newSubfileType) ?? 0) === 0;
}

/** Every strip or tile of the raw image lies inside the file (a truncated file is said, not read as zeros). */
export function checkExtent(data: Uint8Array, raw: DngRaw): void {
  const offsets = numbers(raw.dir, 273).length > 0 ? numbers(raw.dir, 273) : numbers(raw.dir, 324);
  const counts = numbers(raw.dir, 279).length > 0 ? numbers(raw.dir, 279) : numbers(raw.dir, 325);
  const end = Math.max(0, ...offsets.map((o, i) => o + (counts[i] ?? 0)));
  if (offsets.length === 0 || end > data.length) {
    throw new Error(`the raw data is incomplete (it ends at byte ${end}, the file at ${data.length}); the file may be truncated`);
  }
}

/**
 * The raw raster's stored values (height x width x samples), linearised through the LinearizationTable if the file
 * has one. UTIF decodes the compression (none, lossless JPEG, deflate...) and leaves 16-bit samples in the file's order.
 */
export function decodeRaster(data: Uint8Array, raw: DngRaw): Uint16Array {
  const ifds = UTIF.decode(data);
  const target = flatten(ifds).find((d) => matches(d, raw));
  if (!target) throw new Error('the raw image directory was not found by the decoder');
  try {
    UTIF.decodeImage(data, target, ifds);
  } catch (error) {
    throw new Error(`the raw data cannot be decoded (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
  const count = raw.width * raw.height * raw.samplesPerPixel;
  const bytes = target.data;
  const size = raw.bitsPerSample / 8;
  if (!bytes || bytes.length < count * size) throw new Error(`the raw data is incomplete (${bytes?.length ?? 0} of ${count * size} bytes); the file may be truncated`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Uint16Array(count);
  const littleEndian = target.isLE ?? true;
  for (let i = 0; i < count; i++) out[i] = size === 2 ? view.getUint16(2 * i, littleEndian) : bytes[i]!;
  const table = raw.linearization;
  if (table) for (let i = 0; i < count; i++) out[i] = table[Math.min(out[i]!, table.length - 1)]!;
  return out;
}
