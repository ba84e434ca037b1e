import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noisyPng } from '../security/fixtures';
import { runCli } from './run-cli';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gr2r-patch-'));
  await mkdir(join(dir, 'data'));
  await noisyPng(join(dir, 'data', 'a.png'), 48, 3, 1);
  await noisyPng(join(dir, 'data', 'b.png'), 48, 3, 2);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const train = (patch: string, out: string) =>
  runCli([
    'train',
    '--data',
    join(dir, 'data'),
    '--noise',
    'gaussian',
    '--sigma',
    '0.1',
    '--init',
    'none',
    '--net',
    'unet',
    '--width',
    '4',
    '--depth',
    '3',
    '--batch',
    '1',
    '--steps',
    '1',
    '--backend',
    'wasm',
    '--patch',
    patch,
    '--out',
    join(dir, out),
  ]);

describe('gr2r train flags', () => {
  it('are checked, with the model folder, before the noise is measured on the images', async () => {
    await mkdir(join(dir, 'taken'));
    const taken = await runCli(['train', '--data', join(dir, 'data'), '--out', join(dir, 'taken')]);
    expect(taken.stderr).toBe(
      `gr2r train: ${join(dir, 'taken')}: already exists; pass --resume to continue that run, or choose another --out\n`,
    );
    const steps = await runCli(['train', '--data', join(dir, 'data'), '--out', join(dir, 'm0'), '--steps', '0']);
    expect([steps.code, steps.stderr]).toEqual([2, 'gr2r train: --steps must be a positive whole number, got 0\n']);
  });
});

describe('gr2r train --patch', () => {
  it('says when the patches trained are not the size asked for, and why', async () => {
    const rounded = await train('13', 'm13');
    expect(rounded.code, rounded.stderr).toBe(0);
    expect(rounded.stderr).toContain(
      "patches of 12 pixels a side, not 13: a multiple of 4, the network's size multiple",
    );
    const big = await train('1000', 'm1000');
    expect(big.code, big.stderr).toBe(0);
    expect(big.stderr).toContain('patches of 48 pixels a side, not 1000: the smallest image is no larger');
    const asked = await train('16', 'm16');
    expect(asked.stderr).not.toMatch(/patches of/);
  }, 120_000);

  it('refuses a patch under twice the network size multiple', async () => {
    const r = await train('4', 'm4');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--patch must be at least 8 for this network \(twice its size multiple\), got 4/);
  });
});
