import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chooseFamily } from '../../main/tasks/estimate/resolve-noise';
import { readClean } from '../helpers/camera-like';
import { stripTiff } from '../helpers/strip-tiff';
import { writeSyntheticDng } from '../helpers/synthetic-dng';

const work = await mkdtemp(join(tmpdir(), 'gr2r-choose-'));
afterAll(() => rm(work, { recursive: true, force: true }));

async function folder(name: string): Promise<string> {
  const dir = join(work, name);
  await mkdir(dir);
  return dir;
}

describe('the automatic noise model chooses the family from the files', () => {
  it('camera raw (DNG): shot + read noise', async () => {
    const dir = await folder('raw');
    await writeSyntheticDng(join(dir, 'a.dng'), await readClean('coffee.png'));
    const notes: string[] = [];
    expect(await chooseFamily(dir, (m) => notes.push(m))).toBe('poissongaussian');
    expect(notes[0]).toMatch(/camera raw/);
  });

  it('float data (SAR intensity): Gamma speckle', async () => {
    const dir = await folder('sar');
    const samples = Float32Array.from({ length: 64 * 64 }, (_, i) => 1 + (i % 7));
    await writeFile(
      join(dir, 'a.tif'),
      stripTiff({ width: 64, height: 64, sampleFormat: 3, bitsPerSample: 32 }, samples),
    );
    expect(await chooseFamily(dir, () => {})).toBe('gamma');
  });

  it('8-bit photos: correlated noise measured per image, and a mixed folder too', async () => {
    const dir = await folder('photos');
    const { default: sharp } = await import('sharp');
    await sharp(join(import.meta.dirname, '../../resources/samples/clean/rocket.png'))
      .jpeg()
      .toFile(join(dir, 'a.jpg'));
    expect(await chooseFamily(dir, () => {})).toBe('correlated');
    await writeSyntheticDng(join(dir, 'b.dng'), await readClean('coffee.png'));
    expect(await chooseFamily(dir, () => {})).toBe('correlated');
  });
});
