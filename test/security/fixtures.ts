import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { runCli } from '../cli/run-cli';

export const tinyNet = [
  '--net',
  'dncnn',
  '--width',
  '4',
  '--depth',
  '2',
  '--patch',
  '16',
  '--batch',
  '1',
  '--backend',
  'wasm',
];

/** A noisy-looking gray or colour PNG of `size` pixels a side, generated (no file outside the repository). */
export async function noisyPng(file: string, size: number, channels: 1 | 3 = 3, seed = 1): Promise<void> {
  let s = seed >>> 0;
  const data = Buffer.alloc(size * size * channels);
  for (let i = 0; i < data.length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    data[i] = 100 + ((i * 7) % 60) + (s % 40);
  }
  await sharp(data, { raw: { width: size, height: size, channels } })
    .png()
    .toFile(file);
}

/** Trains a tiny model for a few steps: enough for denoise to run, not to denoise well. */
export async function tinyModel(data: string, out: string): Promise<void> {
  const r = await runCli([
    'train',
    '--data',
    data,
    '--noise',
    'gaussian',
    '--sigma',
    '0.1',
    '--steps',
    '2',
    ...tinyNet,
    '--out',
    out,
  ]);
  if (r.code !== 0) throw new Error(`training the test model failed:\n${r.stderr}`);
}

/** sha256 of every file under `dir` (recursively, links not followed), by relative path. */
export async function treeHashes(dir: string, prefix = ''): Promise<Record<string, string>> {
  const hashes: Record<string, string> = {};
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const rel = join(prefix, entry.name);
    if (entry.isDirectory()) Object.assign(hashes, await treeHashes(join(dir, entry.name), rel));
    else if (entry.isFile() && (await stat(join(dir, entry.name))).mode & 0o400) {
      hashes[rel] = createHash('sha256')
        .update(await readFile(join(dir, entry.name)))
        .digest('hex');
    } else hashes[rel] = entry.isSymbolicLink() ? 'link' : 'other';
  }
  return hashes;
}
