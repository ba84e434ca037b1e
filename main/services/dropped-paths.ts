import { realpath, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, resolve } from 'node:path';
import { hasImageName } from '../shared/image-name';
import type { DropResponse } from '../shared/contract';
import { dropChannel } from '../shared/contract';
import { AppFailure, fail, ok } from '../shared/result';
import type { AppServices } from './app-services';

/** What a drop onto the window opens: a dataset folder, and the names of the files dropped (none for a folder). */
export interface DroppedDataset {
  readonly folder: string;
  readonly files: readonly string[];
}

async function kindOf(path: string): Promise<'folder' | 'file'> {
  const info = await stat(path).catch(() => {
    throw new AppFailure('not-found', `${path}: no such file or folder`);
  });
  if (info.isDirectory()) return 'folder';
  if (info.isFile()) return 'file';
  throw new AppFailure('invalid-request', `${path} is neither a file nor a folder`);
}

/**
 * The dataset a drop (or the OS opening files with the app) names: one folder, or images from one folder, which
 * then open as that folder (a dataset is a folder: training, estimation and export all read it whole). Anything
 * else is refused with the reason; main checks this, since the paths come from the page's side of the bridge.
 */
export async function datasetFromDrop(paths: readonly string[]): Promise<DroppedDataset> {
  if (paths.length === 0)
    throw new AppFailure(
      'invalid-request',
      'nothing dropped has a place on disk: drop a folder or images from one folder',
    );
  const relative = paths.find((path) => !isAbsolute(path));
  if (relative !== undefined) throw new AppFailure('invalid-request', `${relative}: not an absolute path`);
  const kinds = await Promise.all(paths.map(kindOf));
  const folders = paths.filter((_, i) => kinds[i] === 'folder');
  if (folders.length > 0) {
    if (paths.length > 1) {
      throw new AppFailure(
        'invalid-request',
        `${paths.length} items dropped, ${folders.length} of them folders: drop one folder, or images from one folder`,
      );
    }
    return { folder: resolve(folders[0]!), files: [] };
  }
  const parents = [...new Set(paths.map((path) => dirname(resolve(path))))];
  if (parents.length > 1) {
    throw new AppFailure(
      'invalid-request',
      `the files dropped come from ${parents.length} folders (${parents.slice(0, 3).join(', ')}): drop images from one folder`,
    );
  }
  const images = paths.filter((path) => hasImageName(path));
  if (images.length === 0) {
    throw new AppFailure(
      'invalid-request',
      `${basename(paths[0]!)}${paths.length > 1 ? ` and ${paths.length - 1} more` : ''}: not images GR2R reads (PNG, JPEG, TIFF, raw)`,
    );
  }
  return { folder: parents[0]!, files: images.map((path) => basename(path)) };
}

/**
 * A drop's paths, checked (`payload` comes from the preload, so it is validated like any request), registered as
 * a chosen folder the way the dialog's choice is. Every failure is a value naming the path and the problem.
 */
export async function openDropped(
  app: Pick<AppServices, 'folders' | 'chooser'>,
  payload: unknown,
): Promise<DropResponse> {
  const parsed = dropChannel.request.safeParse(payload);
  if (!parsed.success) return fail('invalid-request', 'a drop names paths: one folder or images from one folder');
  try {
    const dropped = await datasetFromDrop(parsed.data.paths);
    // Checked after links are followed, as every file the page names is.
    if (!app.chooser.allows(await realpath(dropped.folder)))
      return fail('forbidden', `${dropped.folder} is outside the folders this app may open`);
    return ok({ folder: await app.folders.register(dropped.folder), files: [...dropped.files] });
  } catch (error) {
    return error instanceof AppFailure
      ? fail(error.code, error.message)
      : fail('failed', error instanceof Error ? error.message : String(error));
  }
}
