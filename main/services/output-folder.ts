import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';

/** Creates `<parent>/<name>-denoised` (or -denoised-1, -2...): a new folder every run, never one in use. */
export async function createOutputFolder(parent: string, name: string): Promise<string> {
  for (let n = 0; n < 10_000; n++) {
    const path = join(parent, `${name}-denoised${n === 0 ? '' : `-${n}`}`);
    try {
      await mkdir(path);
      return path;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  throw new Error(`no free output folder name in ${parent}`);
}
