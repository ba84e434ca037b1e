import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Written into a previews folder the app creates: only a folder holding it is ever emptied. */
export const PREVIEWS_MARKER = '.gr2r-previews';

async function isOurs(path: string): Promise<boolean> {
  return stat(join(path, PREVIEWS_MARKER)).then(
    (s) => s.isFile(),
    () => false,
  );
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/**
 * An empty folder for preview crops under `dataDir`: `previews`, emptied at start-up only when the app made it
 * (it carries the marker). A `previews` the user made is left as it is and `previews-1`, `-2`... is used.
 */
export async function freshPreviewsFolder(dataDir: string, note: (line: string) => void): Promise<string> {
  for (let n = 0; n < 100; n++) {
    const path = join(dataDir, n === 0 ? 'previews' : `previews-${n}`);
    if (await isOurs(path)) {
      for (const name of await readdir(path))
        if (name !== PREVIEWS_MARKER) await rm(join(path, name), { recursive: true, force: true });
      return path;
    }
    if (await exists(path)) {
      note(`${path} was not made by GR2R Studio: left as it is`);
      continue;
    }
    await mkdir(path, { recursive: true });
    await writeFile(join(path, PREVIEWS_MARKER), 'GR2R Studio preview crops: emptied each time the app starts.\n');
    return path;
  }
  throw new Error(`${dataDir}: no free folder for previews`);
}
