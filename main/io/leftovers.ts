import { lstat, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** `.name.<pid>-<hex>.tmp` (files), `.name.tmp-<pid>-<hex>` and `.name.old-<pid>-<hex>` (folders). */
const LEFTOVER = /^\.(.+)\.(?:(\d+)-[0-9a-f]{8}\.tmp|(tmp|old)-(\d+)-[0-9a-f]{8})$/;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM';
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/**
 * Cleans up after writers that were killed: their temp files and folders go; a model folder
 * moved aside just before a crash (`.old-`) is put back if its replacement never arrived.
 * Returns what was removed or restored. `olderThan` (ms since the epoch) keeps anything modified since.
 */
export async function removeLeftovers(dir: string, options: { olderThan?: number } = {}): Promise<string[]> {
  const done: string[] = [];
  for (const name of await readdir(dir)) {
    const match = LEFTOVER.exec(name);
    if (!match) continue;
    const [, original, filePid, kind, folderPid] = match;
    if (isAlive(Number(filePid ?? folderPid))) continue; // still writing (this process included)
    const path = join(dir, name);
    // A pid is reused after a reboot: a file written since this process started may be a live run's.
    if (options.olderThan !== undefined && (await lstat(path)).mtimeMs >= options.olderThan) continue;
    if (kind === 'old' && !(await exists(join(dir, original)))) {
      await rename(path, join(dir, original));
      done.push(`restored ${original}`);
    } else {
      await rm(path, { recursive: true, force: true });
      done.push(`removed ${name}`);
    }
  }
  return done;
}
