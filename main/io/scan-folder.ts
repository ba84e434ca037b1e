import { open, readdir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { realInside } from './confined-path';
import { reasonOf } from './file-error';
import { hasImageName } from '../shared/image-name';
import { probeImage, type ImageProbe, type ReadOptions } from './probe-image';
import { SNIFF_BYTES, sniffFormat } from './sniff-format';
import { checkNotTruncated } from './truncation-check';

export interface ScanOptions extends ReadOptions {
  readonly recursive?: boolean;
}

export interface FileFailure {
  readonly file: string;
  readonly reason: string;
}

export interface FolderScan {
  /** Readable images, sorted by path. */
  readonly images: readonly ImageProbe[];
  /** Files that look like images (by name or content) but cannot be read, with the reason. */
  readonly failures: readonly FileFailure[];
  /** Other files, left alone (text, sidecars...). */
  readonly ignored: readonly string[];
}

async function looksLikeImage(file: string): Promise<boolean> {
  if (hasImageName(file)) return true;
  const handle = await open(file, 'r');
  try {
    const head = new Uint8Array(SNIFF_BYTES);
    const { bytesRead } = await handle.read(head, 0, SNIFF_BYTES, 0);
    return bytesRead > 0 && sniffFormat(head, file).kind !== 'unknown';
  } finally {
    await handle.close();
  }
}

async function listFiles(
  dir: string,
  recursive: boolean,
  seen: Set<string>,
  files: string[],
  top: string,
  outside: FileFailure[],
): Promise<void> {
  const real = await realpath(dir);
  if (seen.has(real)) return; // a link back to a folder already listed
  seen.add(real);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue; // hidden files, our own temp files among them
    const path = join(dir, entry.name);
    if (entry.isSymbolicLink()) {
      const kept = await realInside(top, path).then(
        () => true,
        (error: unknown) => {
          outside.push({ file: path, reason: reasonOf(error) });
          return false;
        },
      );
      if (!kept) continue;
    }
    const isDir =
      entry.isDirectory() ||
      (entry.isSymbolicLink() &&
        (await stat(path).then(
          (s) => s.isDirectory(),
          () => false,
        )));
    if (isDir) {
      if (recursive) await listFiles(path, recursive, seen, files, top, outside);
    } else {
      files.push(path);
    }
  }
}

/**
 * Lists the images in a folder, recognised by content. Each file that cannot be read is listed with its
 * reason and the rest go on; so is a link leading outside the folder (never followed) or in a loop. Only headers are read: a damaged body shows when decoding.
 */
export async function scanFolder(dir: string, options: ScanOptions = {}): Promise<FolderScan> {
  const files: string[] = [];
  const failures: FileFailure[] = [];
  await listFiles(dir, options.recursive ?? false, new Set(), files, await realpath(dir), failures);
  files.sort();
  const images: ImageProbe[] = [];
  const ignored: string[] = [];
  for (const file of files) {
    try {
      if (!(await looksLikeImage(file))) {
        ignored.push(file);
        continue;
      }
      const probe = await probeImage(file, options);
      await checkNotTruncated(file, probe.format);
      images.push(probe);
    } catch (error) {
      failures.push({ file, reason: reasonOf(error) });
    }
  }
  return { images, failures, ignored };
}
