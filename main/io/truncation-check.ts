import { open } from 'node:fs/promises';
import { FileError } from './file-error';
import type { ImageFormat } from './source-info';

/** How far from the end the closing marker is looked for: room for a little trailing data after it. */
const TAIL_BYTES = 4096;

const CLOSING: Partial<Record<ImageFormat, { bytes: Buffer; name: string }>> = {
  // PNG ends with the IEND chunk; JPEG with the EOI marker, which cannot occur inside entropy-coded data
  // (an FF byte there is always followed by 00).
  png: { bytes: Buffer.from('IEND', 'latin1'), name: 'its IEND chunk' },
  jpeg: { bytes: Buffer.from([0xff, 0xd9]), name: 'its end-of-image marker' },
};

/**
 * Refuses a PNG or JPEG whose end is missing, from its last bytes only: a scan reads only headers, so without
 * this a truncated file counts as readable until a later step fails on it.
 */
export async function checkNotTruncated(file: string, format: ImageFormat): Promise<void> {
  const closing = CLOSING[format];
  if (!closing) return;
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, TAIL_BYTES);
    const tail = Buffer.alloc(length);
    await handle.read(tail, 0, length, size - length);
    if (!tail.includes(closing.bytes))
      throw new FileError(file, `truncated or damaged: the file ends before ${closing.name}`);
  } finally {
    await handle.close();
  }
}
