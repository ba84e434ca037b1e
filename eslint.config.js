// Layer rules of docs/design.md, as allowlists: shared <- engine <- io <- runtime <- tasks <- worker, cli, app,
// services, server <- electron; preload sees electron and main/shared; the renderer sees only main/shared. Every
// file of main/ lives in one layer's folder.
import { builtinModules } from 'node:module';
import { dirname, relative, resolve } from 'node:path';
import tseslint from 'typescript-eslint';

const root = import.meta.dirname;
const node = 'node builtins';
const tfjs = ['core', 'layers', 'backend-cpu', 'backend-wasm'].map((name) => `@tensorflow/tfjs-${name}`);

/** Each layer: the layers (itself included) and packages its files may import, and why. */
const layers = {
  shared: { may: ['shared'], packages: ['zod'], why: 'main/shared is the contract: it imports nothing but zod.' },
  engine: {
    may: ['shared', 'engine'],
    packages: ['zod', 'protobufjs', ...tfjs],
    why: 'main/engine is pure TensorFlow.js: no files, native modules, Node builtins, io, runtime or tasks.',
  },
  io: {
    may: ['shared', 'engine', 'io'],
    packages: [node, '@tensorflow/tfjs-core', 'sharp', 'geotiff', 'utif', 'exiftool-vendored'],
    why: 'main/io reads and writes files; it sits below tasks and knows no process.',
  },
  runtime: {
    may: ['shared', 'engine', 'io', 'runtime'],
    packages: [node, 'onnxruntime-node', ...tfjs],
    why: 'main/runtime chooses what computes (onnxruntime predictors and gradients, their checks); it knows no task.',
  },
  tasks: {
    may: ['shared', 'engine', 'io', 'runtime', 'tasks'],
    packages: [node, 'sharp', ...tfjs],
    why: 'main/tasks compose engine, io and runtime; they sit below the worker, the CLI and the app.',
  },
  worker: {
    may: ['shared', 'engine', 'io', 'runtime', 'tasks', 'worker'],
    packages: [node, 'zod'],
    why: 'main/worker runs tasks in its own process, without electron.',
  },
  app: {
    may: ['shared', 'io', 'app'],
    packages: [node, 'zod'],
    why: 'main/app (jobs, worker processes, settings) is shared with `gr2r serve`: no electron, no compute.',
  },
  services: {
    may: ['shared', 'io', 'app', 'services'],
    packages: [node, 'zod'],
    why: 'main/services are shared with `gr2r serve`: no electron, no decoding (the worker decodes for them).',
  },
  server: {
    may: ['shared', 'services', 'server'],
    packages: [node, 'ws', 'vite'],
    why: 'main/server serves the app services over HTTP (vite only to build a missing renderer in a checkout).',
  },
  cli: {
    may: ['shared', 'engine', 'io', 'runtime', 'tasks', 'app', 'services', 'server', 'cli'],
    packages: [node],
    why: 'main/cli parses argv and runs tasks, without electron.',
  },
  electron: {
    may: ['shared', 'app', 'services', 'server', 'electron'],
    packages: [node, 'electron', 'zod'],
    why: 'main/electron wires windows to the app services; compute stays in the worker.',
  },
  preload: { may: ['shared', 'preload'], packages: ['electron'], why: 'electron and main/shared only.' },
  renderer: {
    may: ['shared', 'renderer'],
    packages: ['vue', 'pinia', 'zod'],
    why: 'the renderer sees only the typed contract in main/shared.',
  },
};

/** The layer of a repository path (a file, or a folder an import names); 'main' for main/ outside any layer. */
function layerOf(path) {
  if (path === 'renderer' || path.startsWith('renderer/')) return 'renderer';
  const folder = path.match(/^main\/([^/]+)\//) ?? path.match(/^main\/([^/.]+)$/);
  if (folder && layers[folder[1]]) return folder[1];
  return path.startsWith('main/') ? 'main' : undefined;
}

function packageOf(source) {
  if (source.startsWith('node:') || builtinModules.includes(source.split('/')[0])) return node;
  const parts = source.split('/');
  return source.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

const allowedImports = {
  meta: { type: 'problem', schema: [], messages: { outside: '{{layer}} may not import {{target}}: {{why}}' } },
  create(context) {
    const file = relative(root, context.filename).split('\\').join('/');
    const layer = layerOf(file);
    if (!layer) return {};
    if (layer === 'main') {
      const why = 'each file of main/ lives in a layer folder (docs/design.md)';
      return {
        Program: (node) =>
          context.report({ node, messageId: 'outside', data: { layer: file, target: 'anything', why } }),
      };
    }
    const rules = layers[layer];
    const check = (node, source) => {
      if (typeof source !== 'string') return;
      if (source.startsWith('.')) {
        const target = layerOf(
          relative(root, resolve(dirname(context.filename), source))
            .split('\\')
            .join('/'),
        );
        if (!target || !rules.may.includes(target)) {
          const data = { layer, target: target && target !== 'main' ? `main/${target}` : source, why: rules.why };
          context.report({ node, messageId: 'outside', data });
        }
      } else if (!rules.packages.includes(packageOf(source))) {
        context.report({ node, messageId: 'outside', data: { layer, target: packageOf(source), why: rules.why } });
      }
    };
    return {
      ImportDeclaration: (n) => check(n, n.source.value),
      ExportNamedDeclaration: (n) => n.source && check(n, n.source.value),
      ExportAllDeclaration: (n) => check(n, n.source.value),
      ImportExpression: (n) => n.source.type === 'Literal' && check(n, n.source.value),
      TSImportType: (n) => check(n, n.argument?.literal?.value ?? n.argument?.value),
    };
  },
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'scratch/**', 'test-output/**', 'resources/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'max-lines': ['warn', { max: 200, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    files: ['main/**/*.ts', 'renderer/**/*.ts'],
    plugins: { layers: { rules: { 'allowed-imports': allowedImports } } },
    rules: { 'layers/allowed-imports': 'error' },
  },
);
