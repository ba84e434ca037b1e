import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: root });

/** The layer errors ESLint reports for `code` as if it were the file at `path`. */
async function layerErrors(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, path) });
  return result!.messages.filter((m) => m.ruleId === 'layers/allowed-imports').map((m) => m.message.split(':')[0]!);
}

describe('the layer rules are allowlists', () => {
  it('refuse what a layer does not list, including packages never named before', async () => {
    const engine = [
      "import { trainTask } from '../tasks/train/train-task';", "import { WebSocket } from 'ws';",
      "import { readFile } from 'node:fs/promises';", "export const run = () => import('onnxruntime-node');",
      "export { trainTask, WebSocket, readFile };",
    ].join('\n');
    expect(await layerErrors('main/engine/probe.ts', engine)).toEqual([
      'engine may not import main/tasks', 'engine may not import ws', 'engine may not import node builtins',
      'engine may not import onnxruntime-node',
    ]);
    const io = await layerErrors('main/io/probe.ts', "export { trainTask } from '../tasks/train/train-task';");
    expect(io).toEqual(['io may not import main/tasks']);
    const app = await layerErrors('main/app/jobs.ts', "export { app } from 'electron';");
    expect(app).toEqual(['app may not import electron']);
    const renderer = await layerErrors('renderer/src/probe.ts', "export { readImage } from '../../main/io';");
    expect(renderer).toEqual(['renderer may not import main/io']);
  });

  it('accept what each layer lists', async () => {
    const accepted = await Promise.all([
      layerErrors('main/engine/probe.ts', "export { noiseSpecSchema } from '../shared/noise';"),
      layerErrors('main/runtime/probe.ts', "export const ort = () => import('onnxruntime-node');"),
      layerErrors('main/electron/index.ts', "export { app } from 'electron';\nexport { JobManager } from '../app/jobs';"),
      layerErrors('renderer/src/probe.ts', "export type { NoiseSpec } from '../../main/shared/noise';"),
    ]);
    expect(accepted).toEqual([[], [], [], []]);
  });
});
