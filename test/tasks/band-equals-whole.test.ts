import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../main/engine/backend';
import { denoiseImage } from '../../main/engine/denoise-image';
import type { ImageF32 } from '../../main/engine/image';
import { buildNet } from '../../main/engine/nets';
import { readImage } from '../../main/io';
import { BAND_PIXELS, defaultGeometry, planBands } from '../../main/tasks/denoise/band-plan';
import type { BandDenoiser } from '../../main/tasks/denoise/denoise-band';
import { denoiseInBands } from '../../main/tasks/denoise/denoise-large';
import { tempFolder } from '../io/helpers';
import { scene, testMeta, writeGeoTiff } from './helpers';
import { withRandomOutput } from '../helpers/random-output';

const W = 600;
const H = 400;
// One tile covers the whole image, and every band's window: both paths then compute the network on the same
// pixels, away from the band edges, so they must agree to float rounding. mc 0: no recorruption noise.
const options = { mc: 0, seed: 1, tile: 640, overlap: 32 };
const geometry = { rows: 64, margin: 48 };

let dir: string;
beforeAll(async () => {
  await initBackend('wasm');
  dir = await tempFolder('gr2r-bands-');
  await mkdir(join(dir, 'out'));
});

function maxDifference(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return worst;
}

async function bandAndWhole(
  file: string,
  channels: number,
): Promise<{ bands: ImageF32; whole: ImageF32; windows: number }> {
  const meta = testMeta({ family: 'gaussian', sigma: 0.1 }, channels);
  const net = withRandomOutput(buildNet(meta.net, channels, 7), 7);
  let windows = 0;
  const denoise: BandDenoiser = (window, _band, onTile) => {
    windows++;
    return denoiseImage(net, meta, window, { ...options, onTile });
  };
  const out = await denoiseInBands({
    file,
    output: join(dir, 'out', file.split('/').pop()!),
    denoise,
    geometry,
    positiveOnly: false,
    tempDir: dir,
  });
  const whole = await denoiseImage(net, meta, (await readImage(file)).image, options);
  const bands = (await readImage(out.output)).image;
  net.dispose();
  return { bands, whole, windows };
}

describe('band-streamed denoising', () => {
  it('plans bands that cover every row once, windows clipped to the image', () => {
    const bands = planBands(H, geometry);
    expect(bands.reduce((n, b) => n + b.rows, 0)).toBe(H);
    expect(bands.every((b, i) => b.top === i * 64 && b.windowTop >= 0 && b.windowTop + b.windowRows <= H)).toBe(true);
    expect(bands[1]).toMatchObject({ top: 64, windowTop: 16, windowRows: 160 });
  });

  it('keeps the pixels of a band bounded on very wide images: fewer rows, never below 32, on the pooling grid', () => {
    expect(defaultGeometry(256, 32, 8, 6000).rows).toBe(defaultGeometry(256, 32, 8).rows);
    for (const width of [40000, 100000, 300000]) {
      const { rows } = defaultGeometry(256, 32, 8, width);
      expect(rows % 8).toBe(0);
      expect(rows >= 32 && (rows === 32 || rows * width <= BAND_PIXELS)).toBe(true);
    }
    expect(defaultGeometry(256, 32, 8, 100000).rows).toBe(96);
  });

  it('equals whole-image denoising on a float32 TIFF, band by band (U-Net, 7 bands of 64 rows)', async () => {
    const file = join(dir, 'float.tif');
    await writeGeoTiff(file, scene(H, W).data, W, H);
    const { bands, whole, windows } = await bandAndWhole(file, 1);
    expect(windows).toBe(7);
    expect(maxDifference(bands.data, whole.data)).toBeLessThan(1e-5);
  });

  it('equals whole-image denoising on an 8-bit RGB PNG, within a quantisation step', async () => {
    const file = join(dir, 'rgb.png');
    const rgb = scene(H, W, 3);
    await sharp(Buffer.from(rgb.data.map((v) => Math.round(v * 255))), { raw: { width: W, height: H, channels: 3 } })
      .png()
      .toFile(file);
    const { bands, whole } = await bandAndWhole(file, 3);
    const wholeQuantised = whole.data.map((v) => Math.round(Math.min(1, Math.max(0, v)) * 255) / 255);
    expect(maxDifference(bands.data, wholeQuantised)).toBeLessThan(1.01 / 255);
  });
});
