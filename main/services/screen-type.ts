import { open } from 'node:fs/promises';
import { sniffFormat } from '../io/sniff-format';

/** What a file's first bytes say about showing it: as it is, not at all, or decoded by the worker. */
export type ScreenType =
  | { readonly kind: 'as-is'; readonly type: 'image/png' | 'image/jpeg' }
  | { readonly kind: 'not-image'; readonly reason: string }
  | { readonly kind: 'decode' };

/** PNG's IHDR bit depth is byte 24 (8 signature, 4 length, 4 type, 4 width, 4 height). */
const PNG_BIT_DEPTH = 24;

/** Reads 32 bytes, decodes nothing: Electron main sends 8-bit PNG and JPEG files as they are. */
export async function screenType(file: string): Promise<ScreenType> {
  const handle = await open(file, 'r');
  try {
    const head = new Uint8Array(32);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const sniffed = sniffFormat(head.subarray(0, bytesRead), file);
    if (sniffed.kind === 'unknown')
      return { kind: 'not-image', reason: `${file}: not an image (the content is not PNG, JPEG or TIFF)` };
    if (sniffed.kind === 'unsupported')
      return { kind: 'not-image', reason: `${file}: ${sniffed.name} is not supported` };
    if (sniffed.format === 'jpeg') return { kind: 'as-is', type: 'image/jpeg' };
    if (sniffed.format === 'png' && bytesRead > PNG_BIT_DEPTH && head[PNG_BIT_DEPTH]! <= 8)
      return { kind: 'as-is', type: 'image/png' };
    return { kind: 'decode' };
  } finally {
    await handle.close();
  }
}
