import { randomUUID } from 'node:crypto';
import { realpath, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { isWithin } from '../io/confined-path';
import type { FolderRef } from '../shared/dataset';
import { fileNameSchema } from '../shared/dataset';
import { AppFailure } from '../shared/result';

export interface RegisteredFolder {
  readonly id: string;
  /** Real, absolute path. */
  readonly path: string;
}

/** True when `path` is `folder` or inside it (both real, absolute): the io layer's one check. */
export const isInside = isWithin;

/**
 * The folders the user chose (and the app's own, like previews), behind opaque ids. Every file the renderer
 * names is a plain name inside one of them, checked again after links are followed.
 */
export class FolderRegistry {
  private readonly byId = new Map<string, RegisteredFolder>();
  private readonly byPath = new Map<string, RegisteredFolder>();

  async register(path: string): Promise<FolderRef> {
    const real = await realpath(path).catch(() => {
      throw new AppFailure('not-found', `${path}: no such folder`);
    });
    if (!(await stat(real)).isDirectory()) throw new AppFailure('invalid-request', `${path} is not a folder`);
    let folder = this.byPath.get(real);
    if (!folder) {
      folder = { id: randomUUID(), path: real };
      this.byId.set(folder.id, folder);
      this.byPath.set(real, folder);
    }
    return this.ref(folder);
  }

  ref(folder: RegisteredFolder): FolderRef {
    return { id: folder.id, name: basename(folder.path) || folder.path, path: folder.path };
  }

  get(id: string): RegisteredFolder {
    const folder = this.byId.get(id);
    if (!folder) throw new AppFailure('not-found', 'that folder is no longer known: choose it again');
    return folder;
  }

  /** The real path of `name` inside folder `id`; refused if it is not a plain name or leads outside. */
  async file(id: string, name: string): Promise<string> {
    const folder = this.get(id);
    if (!fileNameSchema.safeParse(name).success) throw new AppFailure('forbidden', `${name}: not a file name`);
    const real = await realpath(join(folder.path, name)).catch(() => {
      throw new AppFailure('not-found', `${name}: no such file in ${basename(folder.path)}`);
    });
    if (!isInside(folder.path, real)) throw new AppFailure('forbidden', `${name} leads outside the chosen folder`);
    return real;
  }
}
