import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeMetadataTool, readImage, writeImage } from '../../main/io';
import { rawNoisePrior } from '../../main/io/dng/noise-prior';
import { openDng } from '../../main/io/dng/read-dng';
import { readTiffDirectories } from '../../main/io/dng/tiff-directories';
import { rawIsoGroups } from '../../main/io/raw-folder';
import { cleanCrop } from '../helpers/images';
import { writeSyntheticDng } from '../helpers/synthetic-dng';
import { tempFolder } from './helpers';

describe('raw noise: ISO and NoiseProfile in, measured NoiseProfile out', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await tempFolder('gr2r-raw-noise-');
    await mkdir(join(dir, 'raw'));
    await mkdir(join(dir, 'out'));
    const rgb = await cleanCrop('astronaut.png', 128, 100, 50);
    await writeSyntheticDng(join(dir, 'raw', 'a.dng'), rgb, {
      seed: 1,
      fullWell: 2000,
      readNoise: 3,
      iso: 100,
      noiseProfile: [5e-4, 4e-8],
    });
    await writeSyntheticDng(join(dir, 'raw', 'b.dng'), rgb, {
      seed: 2,
      fullWell: 2000,
      readNoise: 3,
      iso: 100,
      noiseProfile: [7e-4, 6e-8],
    });
    await writeSyntheticDng(join(dir, 'raw', 'c.dng'), await cleanCrop('astronaut.png', 256, 100, 50), {
      seed: 3,
      fullWell: 125,
      readNoise: 12,
      iso: 1600,
    });
  });
  afterAll(closeMetadataTool);

  it('reads ISO and NoiseProfile, and groups a folder by ISO', async () => {
    const dng = await openDng(join(dir, 'raw', 'a.dng'));
    expect(rawNoisePrior(dng.data, dng.ifd0, dng.raw.dir)).toEqual({ iso: 100, profile: [{ a: 5e-4, b: 4e-8 }] });
    const groups = await rawIsoGroups(join(dir, 'raw'));
    expect(groups.map((g) => [g.iso, g.files])).toEqual([
      [100, ['a.dng', 'b.dng']],
      [1600, ['c.dng']],
    ]);
    expect(groups[0]!.profile!.a).toBeCloseTo(6e-4, 10);
    expect(groups[1]!.profile).toBeUndefined();
  });

  it("writes the NoiseProfile measured on the output: the sensor's a = 1 / full well for unchanged data", async () => {
    const { image, source } = await readImage(join(dir, 'raw', 'c.dng'));
    const out = await writeImage(join(dir, 'out', 'c.dng'), image, source);
    const { ifds } = readTiffDirectories(new Uint8Array(await readFile(out.path)));
    const profile = ifds[0]!.entries.get(51041)?.values as number[];
    expect(profile).toHaveLength(2);
    expect(Math.abs(profile[0]! * 125 - 1)).toBeLessThan(0.3);
    // Each value the mean of its 2x2 block (same plane): a quarter of the noise variance left.
    const { width, channels } = image;
    const smooth = {
      ...image,
      data: image.data.map((_, k) => {
        const [c, p] = [k % channels, Math.floor(k / channels)];
        const [y, x] = [Math.floor(p / width) & ~1, (p % width) & ~1];
        const at = (dy: number, dx: number): number => image.data[((y + dy) * width + x + dx) * channels + c]!;
        return (at(0, 0) + at(0, 1) + at(1, 0) + at(1, 1)) / 4;
      }),
    };
    const flat = await writeImage(join(dir, 'out', 'flat.dng'), smooth, source);
    const after = readTiffDirectories(new Uint8Array(await readFile(flat.path))).ifds[0]!.entries.get(51041)?.values as
      number[] | undefined;
    expect(after === undefined || after[0]! < profile[0]! / 2).toBe(true);
  });
});
