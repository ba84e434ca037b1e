import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * What a model was trained on, as a short hash of its images' names and sizes (sorted): the same folder gives
 * the same value wherever it is mounted, while another dataset, or images added or replaced, gives another.
 */
export async function datasetFingerprint(files: readonly string[]): Promise<string> {
  const entries = await Promise.all(files.map(async (file) => `${basename(file)}\0${(await stat(file)).size}`));
  return `sha256:${createHash('sha256').update(entries.sort().join('\n')).digest('hex').slice(0, 32)}`;
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
