import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ImageF32 } from '../../main/engine/image';
import { makeImage } from '../../main/engine/image';
import { gammaNoise } from '../../main/engine/noise/gamma';
import { Rng } from '../../main/engine/random/rng';
import { planBands } from '../../main/tasks/denoise/band-plan';
import type { BandDenoiser } from '../../main/tasks/denoise/denoise-band';
import { denoiseInBands, type LargeDenoiseInput } from '../../main/tasks/denoise/denoise-large';
import { tempFolder } from '../io/helpers';
import { readTiff, scene, writeGeoTiff } from './helpers';

const W = 200;
const H = 200;
const L = 4;
const geometry = { rows: 48, margin: 16 };

let dir: string;
beforeAll(async () => {
  dir = await tempFolder('gr2r-sar-');
  await mkdir(join(dir, 'out'));
});

/** A perfect denoiser: the clean rows under each band's window. */
function cleanDenoiser(clean: ImageF32, transform: (v: number) => number = (v) => v): BandDenoiser {
  const windows = planBands(clean.height, geometry);
  return async (window, band) => {
    const top = windows[band]!.windowTop;
    const rows = clean.data.subarray(top * clean.width, (top + window.height) * clean.width);
    return makeImage(window.height, window.width, 1, Float32Array.from(rows, transform));
  };
}

function bandsInput(file: string, denoise: BandDenoiser, extra: Partial<LargeDenoiseInput>): LargeDenoiseInput {
  return {
    file,
    output: join(dir, 'out', file.split('/').pop()!),
    denoise,
    geometry,
    positiveOnly: true,
    tempDir: dir,
    ...extra,
  };
}

describe('SAR band path', () => {
  const clean = scene(H, W);
  const intensity = gammaNoise(L).sample(clean.data, new Rng(5));

  it('squares amplitudes for the model and writes amplitudes back', async () => {
    const amplitude = Float32Array.from(intensity, Math.sqrt);
    const file = join(dir, 'amplitude.tif');
    await writeGeoTiff(file, amplitude, W, H);
    let seen = 0;
    const identity: BandDenoiser = async (window, band) => {
      if (band === 0) seen = window.data[0]!;
      return window;
    };
    const out = await denoiseInBands(bandsInput(file, identity, { sar: { amplitude: true } }));
    expect(seen).toBeCloseTo(intensity[0]!, 5);
    const written = (await readTiff(out.output)).samples;
    for (let i = 0; i < amplitude.length; i += 97) expect(written[i]).toBeCloseTo(amplitude[i]!, 5);
    expect(out.notes.join()).toMatch(/amplitude squared to intensity/);
  });

  it('writes the ratio image noisy/denoised: mean 1 and variance 1/L for a perfect denoiser', async () => {
    const file = join(dir, 'intensity.tif');
    await writeGeoTiff(file, intensity, W, H);
    const out = await denoiseInBands(bandsInput(file, cleanDenoiser(clean), { sar: { ratio: true } }));
    const { ratio } = out;
    expect(ratio?.count).toBe(W * H);
    // 40000 values: standard errors about 0.0025 (mean) and 0.004 (variance).
    expect(Math.abs(ratio!.mean - 1)).toBeLessThan(0.01);
    expect(Math.abs(ratio!.variance - 1 / L)).toBeLessThan(0.015);
    const image = await readTiff(ratio!.file);
    expect([image.bits, image.width, image.height]).toEqual([32, W, H]);
    expect(image.samples[123]).toBeCloseTo(intensity[123]! / clean.data[123]!, 5);
  });

  it('writes dB, and an amplitude ratio is taken in intensity', async () => {
    const amplitude = Float32Array.from(intensity, Math.sqrt);
    const file = join(dir, 'amplitude-db.tif');
    await writeGeoTiff(file, amplitude, W, H);
    const out = await denoiseInBands(
      bandsInput(file, cleanDenoiser(clean), { sar: { amplitude: true, db: true, ratio: true } }),
    );
    const written = (await readTiff(out.output)).samples;
    expect(written[321]).toBeCloseTo(10 * Math.log10(clean.data[321]!), 4);
    expect(Math.abs(out.ratio!.variance - 1 / L)).toBeLessThan(0.015);
  });
});
