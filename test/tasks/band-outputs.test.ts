import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../main/engine/backend';
import { denoiseTask } from '../../main/tasks/denoise/denoise-task';
import { sha256, tempFolder } from '../io/helpers';
import { GEO, readTiff, saveTestModel, scene, testMeta, writeGeoTiff } from './helpers';
import { BATCH_RECORD } from '../../main/tasks/denoise/batch-outputs';

const W = 300;
const H = 200;
const bands = { threshold: 0, rows: 64 };
const run = { mc: 1, backend: 'wasm', inference: 'tfjs', bands } as const;

let dir: string;
beforeAll(async () => {
  await initBackend('wasm');
  dir = await tempFolder('gr2r-band-out-');
});

/** A 40 x 30 block of no-data at rows 100-129, columns 50-89: across two bands. */
function inBlock(p: number): boolean {
  const i = Math.floor(p / W);
  const j = p % W;
  return i >= 100 && i < 130 && j >= 50 && j < 90;
}

describe('band path outputs', () => {
  it('a 16-bit GeoTIFF stays 16-bit with its georeference, and its no-data pixels are untouched', async () => {
    const input = join(dir, 'dem16.tif');
    const values = Uint16Array.from(scene(H, W).data, (v, p) => (inBlock(p) ? 65535 : Math.round(v * 40000)));
    await writeGeoTiff(input, values, W, H, { GDAL_NODATA: '65535' });
    const before = await sha256(input);
    const model = await saveTestModel(join(dir, 'model-gray'), testMeta({ family: 'gaussian', sigma: 0.05 }));
    const result = await denoiseTask({ model, input, output: join(dir, 'out16'), ...run });
    expect(result.failures).toEqual([]);
    const out = await readTiff(result.written[0]!.output);
    expect([out.bits, out.width, out.height, out.noData]).toEqual([16, W, H, 65535]);
    expect(out.geoKeys).toMatchObject({ ProjectedCSTypeGeoKey: GEO.ProjectedCSTypeGeoKey });
    expect([out.origin, out.resolution]).toEqual([
      [500000, 4100000, 0],
      [10, -10, 0],
    ]);
    let untouched = true;
    let changed = 0;
    for (let p = 0; p < values.length; p++) {
      if (inBlock(p)) untouched &&= out.samples[p] === 65535;
      else if (out.samples[p] !== values[p]) changed++;
    }
    expect(untouched).toBe(true);
    expect(changed).toBeGreaterThan(values.length / 2);
    expect(await sha256(input)).toBe(before);
    expect((await readdir(join(dir, 'out16'))).sort()).toEqual([BATCH_RECORD, 'dem16.tif']);
  });

  it('a float32 SAR GeoTIFF stays float32 with its georeference; no-data and zero borders are untouched', async () => {
    const input = join(dir, 'sar.tif');
    const values = Float32Array.from(scene(H, W).data, (v, p) => (inBlock(p) ? -9999 : p % W < 20 ? 0 : v));
    await writeGeoTiff(input, values, W, H, { GDAL_NODATA: '-9999' });
    const model = await saveTestModel(join(dir, 'model-sar'), testMeta({ family: 'gamma', looks: 4 }));
    const result = await denoiseTask({ model, input, output: join(dir, 'out32'), ...run });
    expect(result.failures).toEqual([]);
    const out = await readTiff(result.written[0]!.output);
    expect([out.bits, out.noData, out.origin, out.resolution]).toEqual([32, -9999, [500000, 4100000, 0], [10, -10, 0]]);
    expect(out.geoKeys).toMatchObject({ ProjectedCSTypeGeoKey: GEO.ProjectedCSTypeGeoKey });
    const kept = Array.from(values.keys()).filter((p) => inBlock(p) || p % W < 20);
    expect(kept.every((p) => out.samples[p] === values[p])).toBe(true);
    expect(Array.from(values.keys()).filter((p) => out.samples[p] !== values[p]).length).toBe(
      values.length - kept.length,
    );
  });

  it('a 16-bit RGB PNG stays a 16-bit PNG', async () => {
    const input = join(dir, 'photo16.png');
    const rgb = scene(H, W, 3);
    await sharp(Buffer.from(Uint16Array.from(rgb.data, (v) => Math.round(v * 65535)).buffer), {
      raw: { width: W, height: H, channels: 3 },
    })
      .toColourspace('rgb16')
      .png()
      .toFile(input);
    const model = await saveTestModel(join(dir, 'model-rgb'), testMeta({ family: 'gaussian', sigma: 0.05 }, 3));
    const result = await denoiseTask({ model, input, output: join(dir, 'out-png'), ...run });
    expect(result.failures).toEqual([]);
    const meta = await sharp(result.written[0]!.output).metadata();
    expect([meta.format, meta.depth, meta.width, meta.height, meta.channels]).toEqual(['png', 'ushort', W, H, 3]);
  });

  it('an 8-bit RGBA PNG keeps its alpha channel, band by band', async () => {
    const input = join(dir, 'rgba.png');
    const rgb = scene(H, W, 3).data;
    const rgba = Buffer.alloc(W * H * 4);
    for (let p = 0; p < W * H; p++) {
      for (let k = 0; k < 3; k++) rgba[4 * p + k] = Math.round(rgb[3 * p + k]! * 255);
      rgba[4 * p + 3] = (p * 31) % 256;
    }
    await sharp(rgba, { raw: { width: W, height: H, channels: 4 } })
      .png()
      .toFile(input);
    const model = await saveTestModel(join(dir, 'model-rgba'), testMeta({ family: 'gaussian', sigma: 0.05 }, 3));
    const result = await denoiseTask({ model, input, output: join(dir, 'out-rgba'), ...run });
    const { data, info } = await sharp(result.written[0]!.output).raw().toBuffer({ resolveWithObject: true });
    expect(info.channels).toBe(4);
    expect(Array.from({ length: W * H }, (_, p) => data[4 * p + 3])).toEqual(
      Array.from({ length: W * H }, (_, p) => rgba[4 * p + 3]),
    );
  });

  it('a cancel in the middle of the bands leaves nothing in the output folder', async () => {
    const controller = new AbortController();
    const result = await denoiseTask({
      model: join(dir, 'model-rgb'),
      input: join(dir, 'photo16.png'),
      output: join(dir, 'out-cancel'),
      ...run,
      signal: controller.signal,
      onProgress: (p) => p.fileFraction > 0.3 && controller.abort(),
    });
    expect(result.cancelled).toBe(true);
    expect(await readdir(join(dir, 'out-cancel'))).toEqual([]);
  });
});
