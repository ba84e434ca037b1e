import { randomBytes } from 'node:crypto';
import { link, open, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, parse } from 'node:path';
import { asFileError } from './file-error';

export interface AtomicWriteOptions {
  /** Replace an existing file instead of choosing a new name. */
  readonly overwrite?: boolean;
}

const MAX_NUMBERED_NAMES = 10_000;

/** `photo.png`, `photo-1.png`, `photo-2.png`, ... */
export function numberedName(file: string, n: number): string {
  if (n === 0) return file;
  const { dir, name, ext } = parse(file);
  return join(dir, `${name}-${n}${ext}`);
}

/** A hidden name beside `file`, in the same folder so that a rename is atomic. */
export function tempNameBeside(file: string): string {
  return join(dirname(file), `.${basename(file)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
}

/** Creates `file` (failing if it exists), writes `parts` and flushes them to the disk. */
export async function writeNewFile(file: string, parts: readonly Uint8Array[]): Promise<void> {
  const handle = await open(file, 'wx');
  try {
    for (const part of parts) {
      for (let done = 0; done < part.length;) done += (await handle.write(part, done)).bytesWritten;
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/** Gives the finished temp file its name; without overwrite, the first free numbered name. */
export async function publish(temp: string, target: string, overwrite: boolean): Promise<string> {
  if (overwrite) {
    await rename(temp, target);
    return target;
  }
  for (let n = 0; n < MAX_NUMBERED_NAMES; n++) {
    const candidate = numberedName(target, n);
    try {
      // link() fails if the name exists: no window in which another writer's file could be replaced.
      await link(temp, candidate);
      await unlink(temp);
      return candidate;
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'EEXIST') continue;
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EXDEV') throw error;
      // A file system without hard links: check, then rename.
      if (await exists(candidate)) continue;
      await rename(temp, candidate);
      return candidate;
    }
  }
  throw new Error(`no free name after ${MAX_NUMBERED_NAMES} tries`);
}

/**
 * Writes `parts` to a temp file beside `target`, flushes it, lets `finish` amend it, then names it: a crash leaves
 * either no file or a whole one. Returns the path written, which differs from `target` on a clash.
 */
export async function writeFileAtomic(
  target: string,
  parts: readonly Uint8Array[],
  options: AtomicWriteOptions = {},
  finish?: (temp: string) => Promise<void>,
): Promise<string> {
  const temp = tempNameBeside(target);
  try {
    await writeNewFile(temp, parts);
    await finish?.(temp);
    return await publish(temp, target, options.overwrite ?? false);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw asFileError(target, error);
  }
}
