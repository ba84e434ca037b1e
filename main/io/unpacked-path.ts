import { sep } from 'node:path';

/**
 * The path of a file electron-builder unpacked beside app.asar (asarUnpack): what a module loader or a native
 * library outside Electron's patched fs must be given. Outside a packaged app the path is returned as it is.
 */
export function unpackedPath(path: string, separator: string = sep): string {
  return path.split(`${separator}app.asar${separator}`).join(`${separator}app.asar.unpacked${separator}`);
}
