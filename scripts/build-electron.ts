// Builds what Electron runs: main and the compute worker (ES modules, dependencies left in node_modules) and the
// preload (one CommonJS file with everything but electron inlined: a sandboxed preload cannot load modules).
// Run: npx tsx scripts/build-electron.ts (npm run build:electron)
import { readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { build } from 'vite';

const root = join(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  optionalDependencies?: Record<string, string>;
};
const dependencies = [...Object.keys(pkg.dependencies), ...Object.keys(pkg.optionalDependencies ?? {})];
const external = (id: string) =>
  id === 'electron' ||
  id.startsWith('node:') ||
  builtinModules.includes(id) ||
  dependencies.some((d) => id === d || id.startsWith(`${d}/`));

for (const dir of ['main', 'worker', 'preload', 'chunks'])
  rmSync(join(root, 'out', dir), { recursive: true, force: true });

await build({
  root,
  configFile: false,
  logLevel: 'warn',
  build: {
    ssr: true,
    outDir: 'out',
    emptyOutDir: false,
    target: 'node20',
    minify: false,
    sourcemap: true,
    rolldownOptions: {
      input: { main: join(root, 'main/electron/index.ts'), worker: join(root, 'main/worker/index.ts') },
      external,
      output: { format: 'es', entryFileNames: '[name]/index.js', chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
});

await build({
  root,
  configFile: false,
  logLevel: 'warn',
  ssr: { noExternal: true },
  build: {
    ssr: true,
    outDir: 'out',
    emptyOutDir: false,
    target: 'chrome130',
    minify: false,
    rolldownOptions: {
      input: { preload: join(root, 'main/preload/index.ts') },
      external: ['electron'],
      output: { format: 'cjs', entryFileNames: '[name]/index.cjs' },
    },
  },
});
console.log('built out/main, out/worker and out/preload');
