import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
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

  it('on other data keeps one of its own steps, not the best estimated on the data resumed from', async () => {
    // A smooth, nearly clean folder estimates a far higher PSNR than a very noisy one: carried over, the old best
    // would win every comparison and the "new" model would be the old one.
    const [clean, noisy] = [join(dir, 'smooth'), join(dir, 'very-noisy')];
    await mkdir(clean);
    await mkdir(noisy);
    const size = 48;
    const gradient = Buffer.from(
      Uint8Array.from({ length: size * size }, (_, i) => 60 + (i % size) + Math.floor(i / size)),
    );
    await sharp(gradient, { raw: { width: size, height: size, channels: 1 } })
      .png()
      .toFile(join(clean, 'a.png'));
    let s = 3;
    const speckled = Buffer.from(
      Uint8Array.from({ length: size * size }, () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) >>> 24),
    );
    await sharp(speckled, { raw: { width: size, height: size, channels: 1 } })
      .png()
      .toFile(join(noisy, 'a.png'));
    const first = join(dir, 'smooth-model');
    const train = (data: string, more: string[]) =>
      runCli(['train', '--data', data, '--noise', 'gaussian', '--sigma', '0.01', ...tinyNet, '--out', first, ...more]);
    expect((await train(clean, ['--steps', '2'])).code).toBe(0);
    const r = await train(noisy, ['--resume', '--steps', '4']);
    expect(r.code, r.stderr).toBe(0);
    expect(await steps(`${first}-resumed`)).toBeGreaterThan(2);
  }, 120_000);

  it('a new run stopped before its first step leaves no model folder behind', async () => {
    const controller = new AbortController();
    controller.abort();
    const out = join(dir, 'never-trained');
    await expect(
      trainTask({
        data: join(dir, 'photos'),
        out,
        noise: { family: 'gaussian', sigma: 0.1 },
        options: { steps: 4, net: { kind: 'dncnn', width: 4, depth: 2 }, patch: 16, batch: 1 },
        backend: 'wasm',
        signal: controller.signal,
      }),
    ).rejects.toThrow(/stopped before the first step: no model was saved/);
    expect(await readdir(dir)).not.toContain('never-trained');
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
