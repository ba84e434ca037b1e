import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { writeNewFile } from './atomic-file';

export interface FolderWriteOptions {
  /** Replace an existing folder of the same kind (one holding `marker`, or empty). */
  readonly overwrite?: boolean;
}

function besideName(target: string, kind: 'tmp' | 'old'): string {
  return join(dirname(target), `.${basename(target)}.${kind}-${process.pid}-${randomBytes(4).toString('hex')}`);
}

async function isDirectory(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

async function syncFolder(dir: string): Promise<void> {
  // Makes the renames durable; not every platform can open a folder for this, hence best effort.
  const handle = await open(dir, 'r').catch(() => undefined);
  await handle?.sync().catch(() => undefined);
  await handle?.close();
}

/** Refuses to replace a folder unless asked, and never one that is not of the kind being written. */
async function checkReplaceable(target: string, marker: string, overwrite: boolean): Promise<boolean> {
  if (
    !(await stat(target).then(
      () => true,
      () => false,
    ))
  )
    return false;
  if (!(await isDirectory(target))) throw new Error('a file of that name exists; choose another folder');
  if (!overwrite) throw new Error('the folder exists; choose another folder or ask to overwrite it');
  const entries = await readdir(target);
  if (entries.length > 0 && !entries.includes(marker)) {
    throw new Error(`the folder is not empty and holds no ${marker}; it will not be replaced`);
  }
  return true;
}

/** Swaps the finished temp folder in; a crash leaves the old folder or the new one, whole. */
async function publish(temp: string, target: string, replace: boolean): Promise<void> {
  if (!replace) {
    await rename(temp, target);
    return;
  }
  const old = besideName(target, 'old');
  await rename(target, old);
  try {
    await rename(temp, target);
  } catch (error) {
    await rename(old, target);
    throw error;
  }
  await rm(old, { recursive: true, force: true });
}

/**
 * Writes `files` (name -> bytes) into a temp folder beside `target`, flushes them, then renames
 * it into place, so that `target` is never seen half-written.
 */
export async function writeFolderAtomic(
  target: string,
  files: ReadonlyMap<string, readonly Uint8Array[]>,
  marker: string,
  options: FolderWriteOptions = {},
): Promise<void> {
  await mkdir(dirname(target), { recursive: true });
  const replace = await checkReplaceable(target, marker, options.overwrite ?? false);
  const temp = besideName(target, 'tmp');
  try {
    await mkdir(temp);
    for (const [name, parts] of files) await writeNewFile(join(temp, name), parts);
    await syncFolder(temp);
    await publish(temp, target, replace);
    await syncFolder(dirname(target));
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
}
