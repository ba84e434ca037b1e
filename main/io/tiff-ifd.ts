/** TIFF field types by name; rationals are given as flattened numerator, denominator pairs. */
export const TIFF_TYPES = {
  byte: 1,
  ascii: 2,
  short: 3,
  long: 4,
  rational: 5,
  sbyte: 6,
  undefined: 7,
  sshort: 8,
  slong: 9,
  srational: 10,
  float: 11,
  double: 12,
} as const;
export type TiffType = keyof typeof TIFF_TYPES;

/** Bytes of one value of each type (a rational is two longs). */
export const TIFF_TYPE_SIZE: Readonly<Record<TiffType, number>> = {
  byte: 1,
  ascii: 1,
  short: 2,
  long: 4,
  rational: 8,
  sbyte: 1,
  undefined: 1,
  sshort: 2,
  slong: 4,
  srational: 8,
  float: 4,
  double: 8,
};

/** One TIFF directory entry. */
export interface IfdEntry {
  readonly tag: number;
  readonly type: TiffType;
  readonly values: readonly number[] | string;
}

function countOf(entry: IfdEntry): number {
  if (typeof entry.values === 'string') return entry.values.length + 1;
  return entry.type === 'rational' || entry.type === 'srational' ? entry.values.length / 2 : entry.values.length;
}

/** Bytes of an entry's values. */
function sizeOf(entry: IfdEntry): number {
  const perValue = entry.type === 'rational' || entry.type === 'srational' ? 4 : TIFF_TYPE_SIZE[entry.type];
  return typeof entry.values === 'string' ? countOf(entry) : entry.values.length * perValue;
}

const setters: Readonly<
  Record<Exclude<TiffType, 'ascii'>, (view: DataView, at: number, v: number, le: boolean) => void>
> = {
  byte: (view, at, v) => view.setUint8(at, v),
  undefined: (view, at, v) => view.setUint8(at, v),
  sbyte: (view, at, v) => view.setInt8(at, v),
  short: (view, at, v, le) => view.setUint16(at, v, le),
  sshort: (view, at, v, le) => view.setInt16(at, v, le),
  long: (view, at, v, le) => view.setUint32(at, v, le),
  rational: (view, at, v, le) => view.setUint32(at, v, le),
  slong: (view, at, v, le) => view.setInt32(at, v, le),
  srational: (view, at, v, le) => view.setInt32(at, v, le),
  float: (view, at, v, le) => view.setFloat32(at, v, le),
  double: (view, at, v, le) => view.setFloat64(at, v, le),
};

function writeValues(view: DataView, at: number, entry: IfdEntry, le: boolean): void {
  if (typeof entry.values === 'string') {
    // Latin-1, as TIFF readers decode ASCII fields byte by byte, so read bytes come back unchanged.
    for (let i = 0; i < entry.values.length; i++) view.setUint8(at + i, entry.values.charCodeAt(i) & 0xff);
    view.setUint8(at + entry.values.length, 0);
    return;
  }
  const set = setters[entry.type as Exclude<TiffType, 'ascii'>];
  const step = sizeOf(entry) / entry.values.length;
  entry.values.forEach((v, i) => set(view, at + step * i, v, le));
}

/** Bytes an IFD of these entries takes at `offset`, out-of-line values included (for laying out a file). */
export function ifdByteLength(entries: readonly IfdEntry[]): number {
  return encodeIfd(entries, 0).length;
}

/**
 * A TIFF image file directory (little-endian unless asked) placed at `offset`, its values that do not fit
 * in 4 bytes following it (word aligned), and a zero next-IFD pointer.
 */
export function encodeIfd(entries: readonly IfdEntry[], offset: number, littleEndian = true): Uint8Array {
  const le = littleEndian;
  const sorted = [...entries].sort((a, b) => a.tag - b.tag);
  const tableLength = 2 + 12 * sorted.length + 4;
  const outOfLine = sorted.map(sizeOf).map((n) => (n > 4 ? n + (n & 1) : 0));
  const bytes = new Uint8Array(tableLength + outOfLine.reduce((a, b) => a + b, 0));
  const view = new DataView(bytes.buffer);
  view.setUint16(0, sorted.length, le);
  let extra = tableLength;
  sorted.forEach((entry, i) => {
    const at = 2 + 12 * i;
    view.setUint16(at, entry.tag, le);
    view.setUint16(at + 2, TIFF_TYPES[entry.type], le);
    view.setUint32(at + 4, countOf(entry), le);
    if (outOfLine[i] === 0) {
      writeValues(view, at + 8, entry, le);
    } else {
      view.setUint32(at + 8, offset + extra, le);
      writeValues(view, extra, entry, le);
      extra += outOfLine[i];
    }
  });
  return bytes;
}
