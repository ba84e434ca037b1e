import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeImage } from '../../main/engine/image';
import { gammaNoise } from '../../main/engine/noise/gamma';
import { Rng } from '../../main/engine/random/rng';
import { boxMean } from '../../main/engine/sar/ratio-image';
import type { BandDenoiser } from '../../main/tasks/denoise/denoise-band';
import { denoiseInBands } from '../../main/tasks/denoise/denoise-large';
import { tempFolder } from '../io/helpers';
import { readTiff, writeGeoTiff } from './helpers';

const W = 160;
const H = 200;

/** Single-look speckle on a textured scene: intensities spanning x20 over about 12 pixels, as clutter does. */
function texturedSpeckle(): Float32Array {
  const x = Float32Array.from({ length: H * W }, (_, p) =>
    Math.exp(1.5 * Math.sin(Math.floor(p / W) / 2) * Math.cos((p % W) / 2)),
  );
  return gammaNoise(1).sample(x, new Rng(9));
}

/** A smoother that keeps the mean: the 7x7 box mean of each band's window. */
const smoother: BandDenoiser = async (window) =>
  makeImage(window.height, window.width, 1, boxMean(window.data, window.height, window.width, 3));

let dir: string;
beforeAll(async () => {
  dir = await tempFolder('gr2r-unit-ratio-');
  await mkdir(join(dir, 'out'));
  await writeGeoTiff(join(dir, 'clutter.tif'), texturedSpeckle(), W, H);
});

describe('--unit-ratio on the band path', () => {
  const run = (unitRatio: boolean) =>
    denoiseInBands({
      file: join(dir, 'clutter.tif'),
      output: join(dir, 'out', unitRatio ? 'unit.tif' : 'plain.tif'),
      denoise: smoother,
      geometry: { rows: 48, margin: 16 },
      positiveOnly: true,
      tempDir: dir,
      sar: { ratio: true, unitRatio },
    });

  it('brings the ratio mean of a smoother on texture from under 0.97 to 1, band by band', async () => {
    const [plain, unit] = [await run(false), await run(true)];
    expect(plain.ratio!.mean).toBeLessThan(0.97);
    // The correction sets each 17x17 local mean of the ratio to 1; what is left (about 1%) is the pixel's own share
    // of its window (y / x-hat and its local mean move together), far inside the target's 3%.
    expect(Math.abs(unit.ratio!.mean - 1)).toBeLessThan(0.02);
    // The price: the output's mean falls on texture.
    const mean = async (file: string) => {
      const { samples } = await readTiff(file);
      return Array.from(samples).reduce((s, v) => s + v, 0) / samples.length;
    };
    expect((await mean(unit.output)) / (await mean(plain.output))).toBeLessThan(0.97);
  });
});
