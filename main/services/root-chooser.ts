import { readdir, realpath, stat } from 'node:fs/promises';
import { basename, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { FolderListing } from '../shared/dataset';
import { AppFailure } from '../shared/result';
import type { FolderChooser } from './folder-chooser';
import { isInside } from './folders';

const IMAGE_NAME = /\.(png|jpe?g|tiff?)$/i;

/** The folder picker of `gr2r serve`: only folders inside `root` (after links are followed) can be chosen. */
export class RootChooser implements FolderChooser {
  readonly native = false;

  private constructor(private readonly root: string) {}

  static async create(root: string): Promise<RootChooser> {
    return new RootChooser(await realpath(root));
  }

  allows(path: string): boolean {
    return isInside(this.root, path);
  }

  async choose(_purpose: string, path?: string): Promise<string | null> {
    if (path === undefined) throw new AppFailure('invalid-request', 'name a folder inside the served folder');
    return this.resolve(path);
  }

  async browse(path: string): Promise<FolderListing> {
    const dir = await this.resolve(path);
    const entries = await readdir(dir, { withFileTypes: true });
    const folders: FolderListing['folders'] = [];
    let images = 0;
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const full = join(dir, entry.name);
      const isDir = entry.isDirectory() || (entry.isSymbolicLink() && (await this.insideDir(full)));
      if (isDir) folders.push({ name: entry.name, path: this.relative(full) });
      else if (IMAGE_NAME.test(entry.name)) images++;
    }
    folders.sort((a, b) => a.name.localeCompare(b.name));
    const rel = this.relative(dir);
    return {
      root: basename(this.root) || this.root,
      path: rel,
      parent: rel === '' ? null : this.relative(resolve(dir, '..')),
      folders,
      images,
    };
  }

  private relative(dir: string): string {
    return relative(this.root, dir).split(sep).join('/');
  }

  private async insideDir(path: string): Promise<boolean> {
    const real = await realpath(path).catch(() => undefined);
    return real !== undefined && isInside(this.root, real) && (await stat(real)).isDirectory();
  }

  /** A path relative to the root (as the picker lists them) to a real folder inside it. */
  private async resolve(path: string): Promise<string> {
    if (isAbsolute(path) || path.includes('\0'))
      throw new AppFailure('forbidden', 'folders are named relative to the served folder');
    const real = await realpath(resolve(this.root, path)).catch(() => {
      throw new AppFailure('not-found', `${path}: no such folder`);
    });
    if (!isInside(this.root, real)) throw new AppFailure('forbidden', `${path} is outside the served folder`);
    if (!(await stat(real)).isDirectory()) throw new AppFailure('invalid-request', `${path} is not a folder`);
    return real;
  }
}
