import { stat } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The built renderer, built now if this checkout has none yet (vite is a dev dependency, so this works in a
 * clone after `npm ci`; a packaged install ships the build).
 */
export async function ensureRendererBuilt(
  root: string,
  rendererDir: string,
  log: (line: string) => void,
): Promise<void> {
  if (
    await stat(join(rendererDir, 'index.html')).then(
      () => true,
      () => false,
    )
  )
    return;
  log('building the interface (first run only; `npm run build:renderer` does it ahead)...');
  const vite = await import('vite').catch(() => {
    throw new Error(`${rendererDir} has no built interface and vite is not installed: run \`npm run build:renderer\``);
  });
  await vite.build({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });
}
