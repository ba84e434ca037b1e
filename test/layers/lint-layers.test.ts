import { join, posix } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: root });

/** The layer errors ESLint reports for `code` as if it were the file at `path`. */
async function layerErrors(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, path) });
  return result!.messages.filter((m) => m.ruleId === 'layers/allowed-imports').map((m) => m.message.split(':')[0]!);
}

/** One import per line, each a different way of importing (static, re-export, dynamic, type). */
const imports = (specifiers: readonly string[]) =>
  specifiers
    .map((s, i) => {
      const forms = [
        `import * as m${i} from '${s}';\nexport { m${i} };`,
        `export * from '${s}';`,
        `export const m${i} = () => import('${s}');`,
        `export type M${i} = typeof import('${s}');`,
      ];
      return forms[i % forms.length];
    })
    .join('\n');

/** For each layer, a file in it and what it must be refused: other layers above or beside it, and packages. */
const refused: Record<string, { file: string; layers: string[]; packages: string[] }> = {
  shared: { file: 'main/shared/probe.ts', layers: ['engine', 'io', 'worker'], packages: ['node:fs', 'sharp'] },
  engine: {
    file: 'main/engine/probe.ts',
    layers: ['io', 'runtime', 'tasks', 'services', 'server', 'app'],
    packages: ['onnxruntime-node', 'ws', 'exiftool-vendored', 'sharp', 'node:fs', 'electron'],
  },
  io: {
    file: 'main/io/probe.ts',
    layers: ['runtime', 'tasks', 'worker', 'app'],
    packages: ['onnxruntime-node', 'electron'],
  },
  runtime: { file: 'main/runtime/probe.ts', layers: ['tasks', 'worker', 'services'], packages: ['sharp', 'electron'] },
  tasks: {
    file: 'main/tasks/probe.ts',
    layers: ['worker', 'cli', 'services', 'app'],
    packages: ['onnxruntime-node', 'ws', 'electron'],
  },
  worker: {
    file: 'main/worker/probe.ts',
    layers: ['app', 'services', 'cli', 'electron'],
    packages: ['electron', 'sharp'],
  },
  app: {
    file: 'main/app/probe.ts',
    layers: ['engine', 'tasks', 'worker', 'services'],
    packages: ['electron', 'sharp'],
  },
  services: {
    file: 'main/services/probe.ts',
    layers: ['engine', 'tasks', 'worker', 'cli', 'electron'],
    packages: ['electron', 'ws', 'sharp'],
  },
  server: { file: 'main/server/probe.ts', layers: ['engine', 'tasks', 'app'], packages: ['electron', 'sharp'] },
  cli: { file: 'main/cli/probe.ts', layers: ['worker', 'electron'], packages: ['electron', 'zod'] },
  electron: {
    file: 'main/electron/probe.ts',
    layers: ['engine', 'io', 'runtime', 'tasks', 'worker'],
    packages: ['sharp', 'onnxruntime-node', 'geotiff'],
  },
  preload: { file: 'main/preload/probe.ts', layers: ['services', 'app'], packages: ['node:fs', 'zod'] },
};

/**
 * The specifier a file at `file` writes for `target`: a repository path (main/shared/noise) as the relative import
 * the file would write, a package as it is. Linted as written; nothing is read from disk.
 */
function specifier(file: string, target: string): string {
  if (!/^(main|renderer)\//.test(target)) return target;
  const path = posix.relative(posix.dirname(file), target);
  return path.startsWith('.') ? path : `./${path}`;
}

const probe = (file: string, targets: readonly string[]) => ({
  file,
  code: imports(targets.map((t) => specifier(file, t))),
});

/** For each layer, what it may import: one layer below it and one package it lists. */
const accepted: Record<string, { file: string; code: string }> = {
  shared: probe('main/shared/probe.ts', ['zod', 'main/shared/noise']),
  engine: probe('main/engine/probe.ts', ['main/shared/noise', '@tensorflow/tfjs-layers']),
  io: probe('main/io/probe.ts', ['main/engine/image', 'sharp', 'node:fs']),
  runtime: probe('main/runtime/probe.ts', ['main/io', 'onnxruntime-node']),
  tasks: probe('main/tasks/probe.ts', ['main/runtime/predictor', 'main/io', 'sharp']),
  worker: probe('main/worker/probe.ts', ['main/tasks/train/train-task', 'node:worker_threads']),
  app: probe('main/app/probe.ts', ['main/shared/worker-messages', 'node:child_process']),
  services: probe('main/services/probe.ts', ['main/app/jobs', 'main/io', 'zod']),
  server: probe('main/server/probe.ts', ['main/services/dispatch', 'ws']),
  cli: probe('main/cli/probe.ts', ['main/tasks/train/train-task', 'main/server/http-server', 'node:util']),
  electron: probe('main/electron/probe.ts', ['main/app/jobs', 'main/services/dispatch', 'electron']),
  preload: probe('main/preload/probe.ts', ['main/shared/contract', 'electron']),
  renderer: probe('renderer/src/probe.ts', ['main/shared/noise', 'vue', 'pinia']),
};

describe('the layer rules are allowlists', () => {
  it.each(Object.entries(refused))(
    '%s: refuses the layers above or beside it and unlisted packages',
    async (layer, r) => {
      const specifiers = [...r.layers.map((l) => `../${l}/x`), ...r.packages];
      const packageName = (p: string) => (p.startsWith('node:') ? 'node builtins' : p);
      expect(await layerErrors(r.file, imports(specifiers))).toEqual([
        ...r.layers.map((l) => `${layer} may not import main/${l}`),
        ...r.packages.map((p) => `${layer} may not import ${packageName(p)}`),
      ]);
    },
  );

  it('refuse in the renderer anything of main but main/shared, and Node or electron', async () => {
    const code = imports(['../../main/io', '../../main/app/jobs', 'electron', 'node:fs', 'sharp']);
    expect(await layerErrors('renderer/src/probe.ts', code)).toEqual([
      'renderer may not import main/io',
      'renderer may not import main/app',
      'renderer may not import electron',
      'renderer may not import node builtins',
      'renderer may not import sharp',
    ]);
  });

  it('refuse a file of main/ outside every layer folder, and an import of one', async () => {
    expect(await layerErrors('main/stray.ts', 'export const x = 1;')).toEqual([
      'main/stray.ts may not import anything',
    ]);
    expect(await layerErrors('main/electron/probe.ts', imports(['../stray']))).toEqual([
      'electron may not import ../stray',
    ]);
  });

  it.each(Object.entries(accepted))('%s: accepts what it lists', async (_layer, a) => {
    expect(await layerErrors(a.file, a.code)).toEqual([]);
  });
});
