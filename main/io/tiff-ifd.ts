/** One TIFF directory entry. */
export interface IfdEntry {
  readonly tag: number;
  readonly type: 'short' | 'long' | 'double' | 'ascii';
  readonly values: readonly number[] | string;
}

const TYPE_CODE = { short: 3, long: 4, double: 12, ascii: 2 } as const;
const TYPE_SIZE = { short: 2, long: 4, double: 8, ascii: 1 } as const;

function countOf(entry: IfdEntry): number {
  return typeof entry.values === 'string' ? entry.values.length + 1 : entry.values.length;
}

function writeValues(view: DataView, at: number, entry: IfdEntry): void {
  if (typeof entry.values === 'string') {
    // Latin-1, as TIFF readers decode ASCII fields byte by byte, so read bytes come back unchanged.
    for (let i = 0; i < entry.values.length; i++) view.setUint8(at + i, entry.values.charCodeAt(i) & 0xff);
    view.setUint8(at + entry.values.length, 0);
    return;
  }
  entry.values.forEach((v, i) => {
    if (entry.type === 'short') view.setUint16(at + 2 * i, v, true);
    else if (entry.type === 'long') view.setUint32(at + 4 * i, v, true);
    else view.setFloat64(at + 8 * i, v, true);
  });
}

/** Bytes an IFD of these entries takes at `offset`, out-of-line values included (for laying out a file). */
export function ifdByteLength(entries: readonly IfdEntry[]): number {
  return encodeIfd(entries, 0).length;
}

/**
 * A little-endian TIFF image file directory placed at `offset`, its values that do not fit
 * in 4 bytes following it (word aligned), and a zero next-IFD pointer.
 */
export function encodeIfd(entries: readonly IfdEntry[], offset: number): Uint8Array {
  const sorted = [...entries].sort((a, b) => a.tag - b.tag);
  const tableLength = 2 + 12 * sorted.length + 4;
  const outOfLine = sorted.map((e) => countOf(e) * TYPE_SIZE[e.type]).map((n) => (n > 4 ? n + (n & 1) : 0));
  const bytes = new Uint8Array(tableLength + outOfLine.reduce((a, b) => a + b, 0));
  const view = new DataView(bytes.buffer);
  view.setUint16(0, sorted.length, true);
  let extra = tableLength;
  sorted.forEach((entry, i) => {
    const at = 2 + 12 * i;
    view.setUint16(at, entry.tag, true);
    view.setUint16(at + 2, TYPE_CODE[entry.type], true);
    view.setUint32(at + 4, countOf(entry), true);
    if (outOfLine[i] === 0) {
      writeValues(view, at + 8, entry);
    } else {
      view.setUint32(at + 8, offset + extra, true);
      writeValues(view, extra, entry);
      extra += outOfLine[i];
    }
  });
  return bytes;
}
