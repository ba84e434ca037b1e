// Layer rules of docs/design.md: shared <- engine <- io <- tasks <- worker, cli, main; renderer sees only main/shared.
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'worker_threads', 'http', 'net', 'url', 'crypto', 'stream', 'util'];
const banned = (group, message) => ({ group, message });

const layer = (files, patterns) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns }] },
});

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
  layer(['main/shared/**'], [
    { regex: '^(?!zod$|\\./)', message: 'main/shared is the contract: it imports nothing but zod and itself.' },
  ]),
  layer(['main/engine/**'], [
    banned(['electron', 'sharp', 'geotiff', ...nodeBuiltins], 'engine/ is pure TensorFlow.js: no electron, fs, sharp or Node builtins.'),
    banned(['**/io/**', '**/worker/**', '**/cli/**', '**/preload/**'], 'engine/ sits below io, worker, cli and main.'),
  ]),
  layer(['main/io/**'], [
    banned(['electron'], 'io/ adapts files; it never touches electron.'),
    banned(['**/worker/**', '**/cli/**', '**/preload/**'], 'io/ sits below worker, cli and main.'),
  ]),
  layer(['main/tasks/**'], [
    banned(['electron'], 'tasks/ compose engine and io; they never touch electron.'),
    banned(['**/worker/**', '**/cli/**', '**/preload/**'], 'tasks/ sit below worker, cli and main.'),
  ]),
  layer(['main/worker/**', 'main/cli/**'], [
    banned(['electron'], 'worker/ and cli/ run without electron.'),
  ]),
  layer(['main/services/**', 'main/server/**', 'main/jobs.ts', 'main/cancel-files.ts', 'main/settings.ts', 'main/fork-worker.ts', 'main/paths.ts'], [
    banned(['electron'], 'the app services are shared with `gr2r serve`: Electron parts are injected from main/index.ts.'),
  ]),
  layer(['main/preload/**'], [
    banned([...nodeBuiltins, '**/engine/**', '**/io/**', '**/worker/**', '**/cli/**'], 'preload sees only electron and main/shared.'),
  ]),
  layer(['renderer/**'], [
    banned(['electron', ...nodeBuiltins, '**/main/engine/**', '**/main/io/**', '**/main/worker/**', '**/main/cli/**', '**/main/preload/**'], 'renderer sees only the typed contract in main/shared.'),
  ]),
);
