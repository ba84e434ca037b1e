import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const productName = 'GR2R Studio';

/** Where the app's files are: from the TypeScript sources (cli, tests) or from the build output (Electron). */
export interface AppPaths {
  readonly root: string;
  readonly renderer: string;
  readonly worker: string;
  readonly preload: string;
}

export function appPaths(root: string, built: boolean): AppPaths {
  return {
    root,
    renderer: join(root, 'out', 'renderer'),
    worker: built ? join(root, 'out', 'worker', 'index.js') : join(root, 'main', 'worker', 'index.ts'),
    preload: join(root, 'out', 'preload', 'index.cjs'),
  };
}

/** The repository root, for code run from the TypeScript sources. */
export const sourceRoot = resolve(import.meta.dirname, '../..');

/** Electron's userData folder for this app, so that `gr2r serve` finds the same settings and models. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), productName);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', productName);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), productName);
}
