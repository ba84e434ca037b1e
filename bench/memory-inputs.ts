// Inputs for bench/memory.ts, generated without holding a big float image in memory.
import sharp from 'sharp';
import { netArtifacts } from '../main/engine/checkpoint';
import { buildNet } from '../main/engine/nets';
import { Rng } from '../main/engine/random/rng';
import { saveModel } from '../main/io';
import { StripTiffWriter } from '../main/io/write-stream-tiff';
import type { ModelMeta } from '../main/shared/model';
import type { NoiseSpec } from '../main/shared/noise';

function clean(i: number, j: number): number {
  return 0.5 + 0.3 * Math.sin(i / 97) * Math.cos(j / 131) + 0.15 * Math.sin((i + 2 * j) / 13);
}

/** An 8-bit RGB JPEG: smooth scene plus Gaussian noise (sigma 0.05). */
export async function makePhoto(file: string, width: number, height: number): Promise<void> {
  const rng = new Rng(1);
  const raw = Buffer.alloc(width * height * 3);
  for (let i = 0, s = 0; i < height; i++) {
    for (let j = 0; j < width; j++) {
      for (let k = 0; k < 3; k++)
        raw[s++] = Math.max(0, Math.min(255, Math.round(255 * (clean(i + 40 * k, j) + 0.05 * rng.normal()))));
    }
  }
  await sharp(raw, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 92 })
    .toFile(file);
}

/** A float32 GeoTIFF of 4-look speckle, with zero borders 300 columns wide (outside the swath), band by band. */
export async function makeSar(file: string, width: number, height: number): Promise<void> {
  const geoTags = [
    { tag: 33550, type: 'double', values: [10, 10, 0] },
    { tag: 33922, type: 'double', values: [0, 0, 0, 500000, 4100000, 0] },
    { tag: 34735, type: 'short', values: [1, 1, 0, 2, 1024, 0, 1, 1, 3072, 0, 1, 32633] },
  ] as const;
  const writer = await StripTiffWriter.create(file, {
    width,
    height,
    bands: 1,
    hasAlpha: false,
    bitDepth: 32,
    geoTags,
  });
  const rng = new Rng(2);
  const rows = 250;
  for (let top = 0; top < height; top += rows) {
    const band = new Float32Array(Math.min(rows, height - top) * width);
    for (let p = 0; p < band.length; p++) {
      const i = top + Math.floor(p / width);
      const j = p % width;
      if (j < 300 || j >= width - 300) continue;
      const speckle = -Math.log(rng.uniform() * rng.uniform() * rng.uniform() * rng.uniform()) / 4;
      band[p] = clean(i, j) * speckle;
    }
    await writer.writeRows(band);
  }
  await writer.finish();
}

/** A model folder holding an untrained DnCNN 8 x 3: enough to measure memory and time, not quality. */
export async function makeModel(dir: string, noise: NoiseSpec, channels: number, scale: number): Promise<void> {
  const net = { kind: 'dncnn', width: 8, depth: 3 } as const;
  const model = buildNet(net, channels, 1);
  const meta: ModelMeta = {
    format: 'gr2r-model',
    version: 1,
    appVersion: 'bench',
    noise,
    alpha: 0.2,
    loss: 'mse',
    net,
    channels,
    scale,
    peak: 1,
    seed: 1,
    step: 1,
    totalSteps: 1,
    batch: 1,
    patch: 32,
    learningRate: 1e-3,
    estPsnr: null,
    createdAt: new Date().toISOString(),
  };
  await saveModel(dir, await netArtifacts(model), meta);
  model.dispose();
}
