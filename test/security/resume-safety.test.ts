import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trainTask } from '../../main/tasks/train/train-task';
import { runCli } from '../cli/run-cli';
import { noisyPng, tinyNet, treeHashes } from './fixtures';

let dir: string;
let model: string;
let saved: Record<string, string>;
const steps = (model: string) =>
  readFile(join(model, 'gr2r.json'), 'utf8').then((text) => (JSON.parse(text) as { step: number }).step);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gr2r-resume-'));
  for (const [name, seed] of [
    ['photos', 1],
    ['sar', 7],
  ] as const) {
    await mkdir(join(dir, name));
    await noisyPng(join(dir, name, `${name}-a.png`), 48, 3, seed);
    await noisyPng(join(dir, name, `${name}-b.png`), 48, 3, seed + 1);
  }
  model = join(dir, 'model');
  const r = await runCli([
    'train',
    '--data',
    join(dir, 'photos'),
    '--noise',
    'gaussian',
    '--sigma',
    '0.1',
    '--steps',
    '2',
    ...tinyNet,
    '--out',
    model,
  ]);
  expect(r.code, r.stderr).toBe(0);
  saved = await treeHashes(model);
}, 120_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('resuming a saved model', () => {
  it('on other data trains a new model and says so; the saved one is untouched', async () => {
    const r = await runCli([
      'train',
      '--data',
      join(dir, 'sar'),
      '--resume',
      '--steps',
      '4',
      '--backend',
      'wasm',
      '--out',
      model,
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(
      `is not the data ${model} was trained on: training continues into a new model, ${model}-resumed`,
    );
    expect(r.stdout).toContain(`model saved to ${model}-resumed`);
    expect(await treeHashes(model)).toEqual(saved);
    expect(await steps(`${model}-resumed`)).toBe(4);
  }, 120_000);

  it('is not modified by a run that fails half way or is cancelled', async () => {
    const base = {
      data: join(dir, 'photos'),
      out: model,
      options: { steps: 6, checkpointEvery: 1 },
      resume: true,
      backend: 'wasm' as const,
    };
    await expect(
      trainTask({
        ...base,
        onProgress: (p) => {
          if (p.step === 4) throw new Error('the power went out');
        },
      }),
    ).rejects.toThrow(/power/);
    expect(await treeHashes(model)).toEqual(saved);
    const controller = new AbortController();
    const notes: string[] = [];
    const cancelled = await trainTask({
      ...base,
      signal: controller.signal,
      onNote: (m) => notes.push(m),
      onProgress: (p) => p.step === 4 && controller.abort(),
    });
    expect(cancelled.cancelled).toBe(true);
    expect(notes.join('\n')).toMatch(/stopped at step 4: .* is left as it was \(step 2\)/);
    expect(await treeHashes(model)).toEqual(saved);
    expect((await readdir(dir)).filter((name) => name.startsWith('.'))).toEqual([]);
  }, 120_000);

  it('on its own data, continues in place once the run has finished', async () => {
    const r = await runCli([
      'train',
      '--data',
      join(dir, 'photos'),
      '--resume',
      '--steps',
      '4',
      '--backend',
      'wasm',
      '--out',
      model,
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/new model/);
    expect(await steps(model)).toBe(4);
  }, 120_000);
});
