import { realpath } from 'node:fs/promises';
import { isAbsolute, relative } from 'node:path';
import { asFileError } from './file-error';

/** True when `path` is `folder` or inside it (both absolute, real). */
export function isWithin(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * The real path of `path` (links followed) when it stays inside the real folder `root`; otherwise an error
 * naming `path`. Every file a job, a scan or the image endpoint touches goes through this, so a link
 * pointing outside the chosen folder is never read, served nor written through.
 */
export async function realInside(root: string, path: string): Promise<string> {
  const real = await realpath(path).catch((error: unknown) => {
    throw asFileError(path, error);
  });
  if (!isWithin(root, real)) throw asFileError(path, new Error('a link to outside the folder: skipped'));
  return real;
}
