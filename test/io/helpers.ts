import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { closeMetadataTool } from '../../main/io';

// Writes that copy metadata start one exiftool process; every test file stops it at the end.
afterAll(closeMetadataTool);

/** Public-domain / CC0 photos the tests carry (test/fixtures/images/SOURCES.md), read-only. */
export const imagesDir = new URL('../fixtures/images/', import.meta.url).pathname;
export const sample = (name: string): string => join(imagesDir, name);

/** A fresh temp folder, removed after the test file. */
export async function tempFolder(prefix = 'gr2r-io-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  afterAll(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

export async function sha256(file: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(file))
    .digest('hex');
}

/** Deterministic pseudo-random integers in [0, max], to fill test rasters. */
export function patternSamples(length: number, max: number, seed = 1): number[] {
  let s = seed >>> 0;
  return Array.from({ length }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % (max + 1);
  });
}
