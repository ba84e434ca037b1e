import { createHash } from 'node:crypto';
import { open, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Bytes read at the start, middle and end of each file: enough to tell a replaced image of the same size. */
const SAMPLE = 64 * 1024;

/** A hash of the file's size and of three samples of its bytes (start, middle, end). */
async function contentSample(file: string): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const hash = createHash('sha256').update(String(size));
    const buffer = Buffer.alloc(Math.min(SAMPLE, size));
    for (const at of new Set([0, Math.max(0, Math.floor(size / 2) - SAMPLE / 2), Math.max(0, size - SAMPLE)])) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, at);
      hash.update(buffer.subarray(0, bytesRead));
    }
    return hash.digest('hex');
  } finally {
    await handle.close();
  }
}

const digest = (entries: string[]) => createHash('sha256').update(entries.sort().join('\n')).digest('hex').slice(0, 32);

/**
 * What a model was trained on, as a short hash of its images' names and sampled contents (sorted): the same folder
 * gives the same value wherever it is mounted, while another dataset, or images added, edited or replaced (even
 * by a file of the same size), gives another. Reads 192 KiB of each file at most.
 */
export async function datasetFingerprint(files: readonly string[]): Promise<string> {
  const entries = await Promise.all(files.map(async (file) => `${basename(file)}\0${await contentSample(file)}`));
  return `sha256c:${digest(entries)}`;
}

/**
 * Whether `stored` is these files' fingerprint (`current`, when already computed), also in the names-and-sizes form
 * of models saved before content was sampled.
 */
export async function sameDataset(stored: string, files: readonly string[], current?: string): Promise<boolean> {
  if (!stored.startsWith('sha256:')) return stored === (current ?? (await datasetFingerprint(files)));
  const entries = await Promise.all(files.map(async (file) => `${basename(file)}\0${(await stat(file)).size}`));
  return stored === `sha256:${digest(entries)}`;
}

/** `<dir>-resumed`, or `-resumed-2`, `-3`...: the first name beside `dir` that nothing holds yet. */
export async function freeSibling(dir: string, suffix = 'resumed'): Promise<string> {
  for (let n = 1; n < 10_000; n++) {
    const path = join(dirname(dir), `${basename(dir)}-${suffix}${n === 1 ? '' : `-${n}`}`);
    if (
      !(await stat(path).then(
        () => true,
        () => false,
      ))
    )
      return path;
  }
  throw new Error(`no free folder name beside ${dir}`);
}
