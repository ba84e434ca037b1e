import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { hasImageName } from '../shared/image-name';

type Kind = 'folder' | 'file' | undefined;

function kindOnDisk(path: string): Kind {
  const info = statSync(path, { throwIfNoEntry: false });
  return info?.isDirectory() ? 'folder' : info?.isFile() ? 'file' : undefined;
}

/**
 * The dataset folder named by command-line arguments (`gr2r-studio ~/photos`, the OS opening a folder or an image
 * with the app, a second launch while the app runs): the first existing folder, or the folder of the first image;
 * flags and other files are skipped. Relative paths are taken from `cwd` (a second launch's own folder).
 */
export function folderArgument(
  args: readonly string[],
  kindOf: (path: string) => Kind = kindOnDisk,
  cwd = process.cwd(),
): string | undefined {
  for (const arg of args) {
    if (arg.startsWith('-')) continue;
    const path = resolve(cwd, arg);
    const kind = kindOf(path);
    if (kind === 'folder') return path;
    if (kind === 'file' && hasImageName(path)) return dirname(path);
  }
  return undefined;
}
