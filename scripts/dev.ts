// `npm run dev`: builds main, preload and worker, serves the renderer with hot reload, and starts Electron on it.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { createServer } from 'vite';

const root = join(import.meta.dirname, '..');
await import('./build-electron');
const server = await createServer({ configFile: join(root, 'vite.config.ts') });
await server.listen();
const url = server.resolvedUrls?.local[0] ?? 'http://127.0.0.1:5173/';
const electron = createRequire(import.meta.url)('electron') as unknown as string;
const child = spawn(electron, [root], { stdio: 'inherit', env: { ...process.env, ELECTRON_RENDERER_URL: url } });
child.on('exit', async (code) => {
  await server.close();
  process.exit(code ?? 0);
});
