import type { ImageFormat } from './source-info';

/** What the first bytes of a file say it is. */
export type Sniffed =
  | { readonly kind: 'image'; readonly format: ImageFormat }
  | { readonly kind: 'unsupported'; readonly name: string; readonly hint?: string }
  | { readonly kind: 'unknown' };

/** How many leading bytes sniffFormat needs. */
export const SNIFF_BYTES = 16;

// GoPro GPR files are DNGs (their raw image VC-5 compressed).
const DNG_EXTENSION = /\.(dng|gpr)$/i;
const RAW_EXTENSIONS = /\.(nef|nrw|cr2|cr3|crw|arw|srf|sr2|orf|rw2|raf|pef|srw|3fr|iiq|erf|kdc|mrw|x3f)$/i;

/** Whether a file's name says it is camera raw (DNG, GPR or a proprietary raw format). */
export function isRawName(file: string): boolean {
  return DNG_EXTENSION.test(file) || RAW_EXTENSIONS.test(file);
}

function startsWith(head: Uint8Array, bytes: readonly number[], at = 0): boolean {
  return bytes.every((b, i) => head[at + i] === b);
}

function ascii(head: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...head.subarray(from, to));
}

function otherFormat(head: Uint8Array): string | undefined {
  if (ascii(head, 0, 4) === 'GIF8') return 'GIF';
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'WEBP') return 'WebP';
  if (ascii(head, 0, 2) === 'BM') return 'BMP';
  if (ascii(head, 4, 8) === 'ftyp') return `HEIF/AVIF (${ascii(head, 8, 12).trim()})`;
  if (startsWith(head, [0, 0, 0, 0x0c, 0x6a, 0x50, 0x20, 0x20])) return 'JPEG 2000';
  if (ascii(head, 0, 4) === '%PDF') return 'PDF';
  return undefined;
}

/** Proprietary raw formats are read by LibRaw into the same structure as a DNG, and written as DNG. */
function rawFormat(): Sniffed {
  return { kind: 'image', format: 'dng' };
}

/** Recognises a file by its content; `file` only tells camera RAW apart from plain TIFF. */
export function sniffFormat(head: Uint8Array, file = ''): Sniffed {
  // Classic TIFF (42) and BigTIFF (43), either byte order.
  if (
    (startsWith(head, [0x49, 0x49]) && (head[2] === 0x2a || head[2] === 0x2b) && head[3] === 0) ||
    (startsWith(head, [0x4d, 0x4d, 0]) && (head[3] === 0x2a || head[3] === 0x2b))
  ) {
    // DNG, NEF, CR2, ARW... are TIFF containers whose first image is often only a preview.
    if (DNG_EXTENSION.test(file)) return { kind: 'image', format: 'dng' };
    if (RAW_EXTENSIONS.test(file)) return rawFormat();
    return { kind: 'image', format: 'tiff' };
  }
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { kind: 'image', format: 'png' };
  if (startsWith(head, [0xff, 0xd8, 0xff])) return { kind: 'image', format: 'jpeg' };
  if (ascii(head, 0, 15) === 'FUJIFILMCCD-RAW' || RAW_EXTENSIONS.test(file)) return rawFormat(); // CR3 is ISO-BMFF
  const other = otherFormat(head);
  if (other) return { kind: 'unsupported', name: other };
  return { kind: 'unknown' };
}
