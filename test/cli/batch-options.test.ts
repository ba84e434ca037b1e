import { createHash } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readFile, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeImage } from '../../main/engine/image';
import { noiseModel } from '../../main/engine/noise';
import { Rng } from '../../main/engine/random/rng';
import { readImage, writeImage } from '../../main/io';
import { BATCH_RECORD } from '../../main/tasks/denoise/batch-outputs';
import { scene } from '../tasks/helpers';
import { runCli } from './run-cli';

let dir: string;
const tiny = ['--net', 'dncnn', '--width', '8', '--depth', '3', '--patch', '32', '--batch', '2', '--backend', 'wasm'];
const hash = async (file: string) =>
  createHash('sha256')
    .update(await readFile(file))
    .digest('hex');
const data = () => join(dir, 'photos');
const model = () => join(dir, 'model');

async function noisyPng(file: string, seed: number): Promise<void> {
  const clean = scene(48, 48, 3);
  const noisy = makeImage(48, 48, 3, noiseModel({ family: 'gaussian', sigma: 0.1 }).sample(clean.data, new Rng(seed)));
  await writeImage(file, noisy, { file, format: 'png', bitDepth: 8, width: 48, height: 48, channels: 3, notes: [] });
}

/** `gr2r denoise` with the test model, from `input` into `output`, and any further flags. */
const denoise = (input: string, output: string, ...flags: string[]) =>
  runCli(['denoise', '--model', model(), '--input', input, '--output', output, ...flags]);

/** The files and folders under `root`, but for the batch records (one in each output folder, checked below). */
async function listTree(root: string): Promise<string[]> {
  return (await readdir(root, { recursive: true }))
    .map(String)
    .filter((name) => basename(name) !== BATCH_RECORD)
    .sort();
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gr2r batch-'));
  await mkdir(join(data(), 'day one'), { recursive: true });
  await noisyPng(join(data(), 'a.png'), 1);
  await noisyPng(join(data(), 'day one', 'b.png'), 2);
  const r = await runCli([
    'train',
    '--data',
    data(),
    '--recursive',
    '--noise',
    'gaussian',
    '--sigma',
    '0.1',
    '--steps',
    '4',
    ...tiny,
    '--out',
    model(),
  ]);
  expect(r.stderr).not.toMatch(/error/i);
  expect(r.code).toBe(0);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('gr2r denoise --amount', () => {
  it('blends original + A/100 (denoised - original) before encoding: 0 is the input, 50 halfway', async () => {
    const args = ['denoise', '--model', model(), '--input', join(data(), 'a.png'), '--format', 'tiff32', '--mc', '2'];
    expect((await runCli([...args, '--output', join(dir, 'full')])).code).toBe(0);
    expect((await runCli([...args, '--output', join(dir, 'half'), '--amount', '50'])).code).toBe(0);
    expect((await runCli([...args, '--output', join(dir, 'none'), '--amount', '0%'])).code).toBe(0);
    const original = (await readImage(join(data(), 'a.png'))).image.data;
    const full = (await readImage(join(dir, 'full', 'a.tif'))).image.data;
    const half = (await readImage(join(dir, 'half', 'a.tif'))).image.data;
    const none = (await readImage(join(dir, 'none', 'a.tif'))).image.data;
    let moved = 0;
    for (let i = 0; i < original.length; i++) {
      expect(none[i]).toBeCloseTo(original[i]!, 6);
      expect(half[i]).toBeCloseTo(original[i]! + 0.5 * (full[i]! - original[i]!), 5);
      moved = Math.max(moved, Math.abs(full[i]! - original[i]!));
    }
    expect(moved).toBeGreaterThan(0.01);
  });

  it('names a bad --output, an empty folder and a dash-led value in one line each', async () => {
    const file = join(dir, 'not-a-folder');
    await writeFile(file, 'x');
    const onFile = await denoise(data(), file);
    expect([onFile.code, onFile.stderr]).toEqual([
      2,
      `gr2r denoise: --output ${file} is a file; give the folder to write the outputs into\n`,
    ]);
    const named = await denoise(join(data(), 'a.png'), join(dir, 'result.png'));
    expect(named.code).toBe(2);
    expect(named.stderr).toMatch(/result\.png looks like a file name; give the folder/);
    await expect(stat(join(dir, 'result.png'))).rejects.toThrow();
    await mkdir(join(dir, 'nothing'));
    const empty = await denoise(join(dir, 'nothing'), join(dir, 'nothing-out'));
    expect([empty.code, empty.stderr]).toEqual([
      1,
      `gr2r denoise: ${join(dir, 'nothing')}: no images in this folder\n`,
    ]);
    const auto = await runCli(['train', '--data', join(dir, 'nothing'), '--out', join(dir, 'nothing-model')]);
    expect(auto.stderr).toContain(`gr2r train: ${join(dir, 'nothing')}: no images in this folder`);
    const dash = await denoise(data(), join(dir, 'x'), '--amount', '-5');
    expect(dash.code).toBe(2);
    expect(dash.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(dash.stderr).not.toContain('\\n');
  });

  it('--mc 0 denoises in one pass on the noisy image', async () => {
    const r = await denoise(join(data(), 'a.png'), join(dir, 'one-pass'), '--mc', '0');
    expect(r.code, r.stderr).toBe(0);
    const original = (await readImage(join(data(), 'a.png'))).image.data;
    const out = (await readImage(join(dir, 'one-pass', 'a.png'))).image.data;
    expect(out.some((v, i) => Math.abs(v - original[i]!) > 1 / 255)).toBe(true);
  });

  it('refuses an amount outside 0-100 in one line', async () => {
    const r = await denoise(data(), join(dir, 'x'), '--amount', '150');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--amount must be a percentage from 0 to 100, got 150/);
  });

  it('reads 50, 50% and 0.5 alike', async () => {
    const { parseAmount } = await import('../../main/cli/denoise');
    expect([
      parseAmount('50'),
      parseAmount('50%'),
      parseAmount('0.5'),
      parseAmount('0'),
      parseAmount('1'),
      parseAmount('0.5%'),
    ]).toEqual([50, 50, 50, 0, 1, 0.5]);
  });
});

describe('gr2r denoise batches', () => {
  it('--recursive mirrors the tree; a second run skips what is done and writes nothing (no file but the outputs)', async () => {
    const out = join(dir, 'tree');
    const first = await denoise(data(), out, '--recursive', '--mc', '2');
    expect(first.code).toBe(0);
    expect(await listTree(out)).toEqual(['a.png', 'day one', join('day one', 'b.png')]);
    expect((await readdir(out, { recursive: true })).map(String).filter((f) => f.endsWith(BATCH_RECORD))).toEqual([
      BATCH_RECORD,
      join('day one', BATCH_RECORD),
    ]);
    const before = await hash(join(out, 'day one', 'b.png'));
    const again = await denoise(data(), out, '--recursive', '--mc', '2');
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/skipped .*b\.png: already denoised/);
    expect(again.stderr).toMatch(/denoised 0 files, 2 skipped/);
    expect(await listTree(out)).toEqual(['a.png', 'day one', join('day one', 'b.png')]);
    expect(await hash(join(out, 'day one', 'b.png'))).toBe(before);
  });

  it('a stopped batch resumes; a changed input or other settings are done again into new names, and settle', async () => {
    const out = join(dir, 'tree');
    await rm(join(out, 'a.png'));
    const resumed = await denoise(data(), out, '--recursive', '--mc', '2');
    expect(resumed.stderr).toMatch(/denoised 1 file, 1 skipped/);
    expect(await listTree(out)).toEqual(['a.png', 'day one', join('day one', 'b.png')]);
    // An input changed since its output was written is done again (into a new name: outputs are never replaced),
    // and only once: the next run finds that new output.
    await utimes(join(data(), 'day one', 'b.png'), new Date(), new Date(Date.now() + 5000));
    const changed = await denoise(data(), out, '--recursive', '--mc', '2');
    expect(changed.stderr).toMatch(/denoised 1 file, 1 skipped/);
    const settled = await denoise(data(), out, '--recursive', '--mc', '2');
    expect(settled.stderr).toMatch(/denoised 0 files, 2 skipped/);
    expect(settled.stdout).toMatch(/skipped .*b\.png: already denoised as .*b-1\.png/);
    // Another strength is another output, not "already denoised".
    const half = await denoise(data(), out, '--recursive', '--mc', '2', '--amount', '50');
    expect(half.stderr).toMatch(/denoised 2 files, 0 failed/);
    const other = await denoise(data(), out, '--recursive', '--mc', '2', '--redo');
    expect(other.stderr).toMatch(/denoised 2 files, 0 failed/);
    expect(await listTree(out)).toEqual([
      'a-1.png',
      'a-2.png',
      'a.png',
      'day one',
      join('day one', 'b-1.png'),
      join('day one', 'b-2.png'),
      join('day one', 'b-3.png'),
      join('day one', 'b.png'),
    ]);
  });

  it('a file that only has the name of an output is not taken for one (a copy, another input numbered output)', async () => {
    const out = join(dir, 'named');
    await mkdir(out);
    // Put there by hand: the noisy input itself under the name its output would get.
    await copyFile(join(data(), 'a.png'), join(out, 'a.png'));
    const r = await denoise(join(data(), 'a.png'), out, '--mc', '2');
    expect(r.stderr).toMatch(/denoised 1 file, 0 failed/);
    expect(await listTree(out)).toEqual(['a-1.png', 'a.png']);
    expect(await hash(join(out, 'a.png'))).toBe(await hash(join(data(), 'a.png')));
  });

  it('without --recursive, sub-folders are left out; an output inside the input tree is refused', async () => {
    const flat = await denoise(data(), join(dir, 'flat'), '--mc', '2');
    expect(flat.code).toBe(0);
    expect(await listTree(join(dir, 'flat'))).toEqual(['a.png']);
    const inside = await denoise(data(), join(data(), 'out'), '--recursive');
    expect(inside.code).toBe(1);
    expect(inside.stderr).toMatch(/inside the input folder/);
  });

  it('--format writes the chosen format and depth', async () => {
    for (const [format, name, depth] of [
      ['png', 'a.png', 8],
      ['tiff16', 'a.tif', 16],
      ['jpeg:80', 'a.jpg', 8],
    ] as const) {
      const out = join(dir, `fmt-${format.replace(':', '')}`);
      const r = await denoise(join(data(), 'a.png'), out, '--format', format, '--mc', '2');
      expect(r.code).toBe(0);
      const { source } = await readImage(join(out, name));
      expect(source.bitDepth).toBe(depth);
    }
    const bad = await denoise(data(), join(dir, 'y'), '--format', 'gif');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--format: use keep, png, tiff16, tiff32, jpeg/);
  });
});

describe('gr2r train', () => {
  it('--recursive trains on the images of sub-folders too, and the model records its data', async () => {
    const meta = JSON.parse(await readFile(join(model(), 'gr2r.json'), 'utf8'));
    expect(meta.step).toBe(4);
    expect(meta.dataset).toEqual({ folder: 'photos', images: 2, bitDepths: [8], units: 'unit' });
    expect(meta).toMatchObject({ channels: 3, noise: { family: 'gaussian', sigma: 0.1 } });
    expect((await stat(join(model(), 'weights.bin'))).size).toBeGreaterThan(0);
  });

  it('--early-stop stops when the estimate stops improving, keeps the best step and says which', async () => {
    const out = join(dir, 'early');
    // The learning rate is far too large: the estimate gets worse after the first evaluations.
    const r = await runCli([
      'train',
      '--data',
      data(),
      '--noise',
      'gaussian',
      '--sigma',
      '0.1',
      '--steps',
      '60',
      '--eval-every',
      '2',
      '--early-stop',
      '2',
      '--lr',
      '0.5',
      ...tiny,
      '--out',
      out,
    ]);
    expect(r.code).toBe(0);
    const meta = JSON.parse(await readFile(join(out, 'gr2r.json'), 'utf8'));
    const last = Number(/early stop at step (\d+)/.exec(r.stdout)?.[1]);
    expect(last).toBeLessThan(60);
    expect(meta.earlyStopped).toEqual({ patience: 2, atStep: last });
    expect(r.stdout).toContain(`kept step ${meta.step}`);
    expect(meta.step).toBeLessThan(last);
    expect(meta.trainedSteps).toBe(last);
    expect(JSON.parse(await readFile(join(out, 'checkpoint', 'gr2r.json'), 'utf8')).step).toBe(last);
    const resumed = await runCli([
      'train',
      '--data',
      data(),
      '--resume',
      '--steps',
      '64',
      '--backend',
      'wasm',
      '--keep-last',
      '--out',
      out,
    ]);
    expect(resumed.code).toBe(0);
    expect(JSON.parse(await readFile(join(out, 'gr2r.json'), 'utf8')).step).toBe(64);
  });
});
