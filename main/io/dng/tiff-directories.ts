import { TIFF_TYPE_SIZE, TIFF_TYPES, type IfdEntry, type TiffType } from '../tiff-ifd';

/** One image file directory as stored: every entry with its exact type, and the SubIFDs it points to. */
export interface TiffDirectory {
  readonly entries: ReadonlyMap<number, IfdEntry>;
  readonly subIfds: readonly TiffDirectory[];
}

const TYPE_NAMES = new Map<number, TiffType>(
  Object.entries(TIFF_TYPES).map(([name, code]) => [code, name as TiffType]),
);
const SUB_IFDS = 330;
const MAX_IFDS = 64;

const getters: Readonly<Record<Exclude<TiffType, 'ascii'>, (view: DataView, at: number, le: boolean) => number>> = {
  byte: (view, at) => view.getUint8(at),
  undefined: (view, at) => view.getUint8(at),
  sbyte: (view, at) => view.getInt8(at),
  short: (view, at, le) => view.getUint16(at, le),
  sshort: (view, at, le) => view.getInt16(at, le),
  long: (view, at, le) => view.getUint32(at, le),
  rational: (view, at, le) => view.getUint32(at, le),
  slong: (view, at, le) => view.getInt32(at, le),
  srational: (view, at, le) => view.getInt32(at, le),
  float: (view, at, le) => view.getFloat32(at, le),
  double: (view, at, le) => view.getFloat64(at, le),
};

function readEntry(view: DataView, at: number, le: boolean): IfdEntry | undefined {
  const tag = view.getUint16(at, le);
  const type = TYPE_NAMES.get(view.getUint16(at + 2, le));
  if (!type) return undefined; // unknown types are skipped, as TIFF readers must
  const count = view.getUint32(at + 4, le);
  const bytes = count * TIFF_TYPE_SIZE[type];
  const start = bytes <= 4 ? at + 8 : view.getUint32(at + 8, le);
  if (start + bytes > view.byteLength) throw new Error(`TIFF tag ${tag} points past the end of the file (truncated?)`);
  if (type === 'ascii') {
    const chars = new Uint8Array(view.buffer, view.byteOffset + start, count);
    const end = chars.indexOf(0);
    return { tag, type, values: String.fromCharCode(...chars.subarray(0, end < 0 ? count : end)) };
  }
  const values = new Array<number>(type === 'rational' || type === 'srational' ? 2 * count : count);
  const step = bytes / values.length;
  for (let i = 0; i < values.length; i++) values[i] = getters[type](view, start + step * i, le);
  return { tag, type, values };
}

function readDirectory(
  view: DataView,
  offset: number,
  le: boolean,
  depth: number,
): { dir: TiffDirectory; next: number } {
  if (offset + 2 > view.byteLength) throw new Error('a TIFF directory lies past the end of the file (truncated?)');
  const n = view.getUint16(offset, le);
  const entries = new Map<number, IfdEntry>();
  for (let i = 0; i < n; i++) {
    const entry = readEntry(view, offset + 2 + 12 * i, le);
    if (entry) entries.set(entry.tag, entry);
  }
  const pointers = entries.get(SUB_IFDS)?.values;
  const subIfds =
    depth < 2 && Array.isArray(pointers) ? pointers.map((p) => readDirectory(view, p, le, depth + 1).dir) : [];
  return { dir: { entries, subIfds }, next: view.getUint32(offset + 2 + 12 * n, le) };
}

/** The chain of top-level IFDs of a TIFF (or DNG) file held in memory, with their SubIFDs. */
export function readTiffDirectories(data: Uint8Array): { littleEndian: boolean; ifds: TiffDirectory[] } {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const littleEndian = view.getUint16(0, false) === 0x4949;
  if (view.getUint16(2, littleEndian) !== 42) throw new Error('not a classic TIFF file');
  const ifds: TiffDirectory[] = [];
  for (let offset = view.getUint32(4, littleEndian); offset !== 0 && ifds.length < MAX_IFDS;) {
    const { dir, next } = readDirectory(view, offset, littleEndian, 0);
    ifds.push(dir);
    offset = next;
  }
  return { littleEndian, ifds };
}

/** The directory at `offset` of a TIFF held in memory (an EXIF directory, found by its pointer tag 34665). */
export function readDirectoryAt(data: Uint8Array, offset: number): TiffDirectory {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  return readDirectory(view, offset, view.getUint16(0, false) === 0x4949, 2).dir;
}

/** A numeric entry's values ([] when absent). */
export function numbers(dir: TiffDirectory, tag: number): number[] {
  const values = dir.entries.get(tag)?.values;
  return Array.isArray(values) ? [...values] : [];
}

/** A rational entry's values as numbers ([] when absent); other numeric types as they are. */
export function reals(dir: TiffDirectory, tag: number): number[] {
  const entry = dir.entries.get(tag);
  if (!entry || typeof entry.values === 'string') return [];
  if (entry.type !== 'rational' && entry.type !== 'srational') return [...entry.values];
  const out: number[] = [];
  for (let i = 0; i < entry.values.length; i += 2) out.push(entry.values[i]! / entry.values[i + 1]!);
  return out;
}
