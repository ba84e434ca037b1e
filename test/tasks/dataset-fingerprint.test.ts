import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datasetFingerprint, sameDataset } from '../../main/tasks/train/dataset-fingerprint';

let dir: string;
/** Deterministic bytes of a given length, different for each seed. */
const bytes = (length: number, seed: number) =>
  Uint8Array.from({ length }, (_, i) => (i * 31 + seed * 97 + (i >> 9)) & 255);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gr2r-fingerprint-'));
  await mkdir(join(dir, 'a'));
  // Uncompressed images of one size differ only in their pixels: 300 KiB, past the three 64 KiB samples.
  await writeFile(join(dir, 'a', 'one.tif'), bytes(300 * 1024, 1));
  await writeFile(join(dir, 'a', 'two.tif'), bytes(1000, 2));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const files = (folder: string) => [join(folder, 'one.tif'), join(folder, 'two.tif')];

describe('the dataset fingerprint a resume compares', () => {
  it('is the same for the same images elsewhere, in another order', async () => {
    await cp(join(dir, 'a'), join(dir, 'copy'), { recursive: true });
    const here = await datasetFingerprint(files(join(dir, 'a')));
    expect(await datasetFingerprint(files(join(dir, 'copy')).reverse())).toBe(here);
    expect(await sameDataset(here, files(join(dir, 'copy')))).toBe(true);
  });

  it('changes when an image is replaced by one of the same size', async () => {
    const before = await datasetFingerprint(files(join(dir, 'a')));
    await cp(join(dir, 'a'), join(dir, 'edited'), { recursive: true });
    const edited = bytes(300 * 1024, 1);
    edited[150 * 1024] = edited[150 * 1024]! ^ 1; // one pixel, in the middle sample
    await writeFile(join(dir, 'edited', 'one.tif'), edited);
    expect(await datasetFingerprint(files(join(dir, 'edited')))).not.toBe(before);
    expect(await sameDataset(before, files(join(dir, 'edited')))).toBe(false);
  });

  it('still matches the names-and-sizes form that older models hold', async () => {
    const entries = [`one.tif\0${300 * 1024}`, 'two.tif\u00001000'].sort().join('\n');
    const legacy = `sha256:${createHash('sha256').update(entries).digest('hex').slice(0, 32)}`;
    expect(await sameDataset(legacy, files(join(dir, 'a')))).toBe(true);
    await writeFile(join(dir, 'a', 'two.tif'), bytes(1001, 2));
    expect(await sameDataset(legacy, files(join(dir, 'a')))).toBe(false);
  });
});
