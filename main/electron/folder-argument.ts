import { statSync } from 'node:fs';
import { resolve } from 'node:path';

/** The first command-line argument that names an existing folder (flags and files are skipped), resolved. */
export function folderArgument(args: readonly string[], isFolder = (path: string) => statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false): string | undefined {
  for (const arg of args) {
    if (arg.startsWith('-')) continue;
    const path = resolve(arg);
    if (isFolder(path)) return path;
  }
  return undefined;
}
