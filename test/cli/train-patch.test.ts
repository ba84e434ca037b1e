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
