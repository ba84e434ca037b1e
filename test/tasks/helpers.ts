import { writeFile } from 'node:fs/promises';
import { fromFile, writeArrayBuffer } from 'geotiff';
import { netArtifacts } from '../../main/engine/checkpoint';
import type { ImageF32 } from '../../main/engine/image';
import { makeImage } from '../../main/engine/image';
import { buildNet } from '../../main/engine/nets';
import { gammaNoise } from '../../main/engine/noise/gamma';
import { Rng } from '../../main/engine/random/rng';
import { saveModel } from '../../main/io';
import type { ModelMeta } from '../../main/shared/model';
import type { NoiseSpec } from '../../main/shared/noise';
import { withRandomOutput } from '../helpers/random-output';

/** A model description for a tiny random network (no training needed: geometry tests only); `overrides` last. */
export function testMeta(
  noise: NoiseSpec,
  channels = 1,
  net: ModelMeta['net'] = { kind: 'unet', width: 8, depth: 3 },
  overrides: Partial<ModelMeta> = {},
): ModelMeta {
  return {
    format: 'gr2r-model',
    version: 1,
    appVersion: 'test',
    noise,
    alpha: 0.2,
    loss: 'mse',
    net,
    channels,
    scale: 1,
    peak: 1,
    seed: 1,
    step: 0,
    totalSteps: 1,
    batch: 1,
    patch: 32,
    learningRate: 1e-3,
    estPsnr: null,
    createdAt: '',
    ...overrides,
  };
}

/** A smooth positive test scene with some texture, height x width x channels. */
export function scene(height: number, width: number, channels = 1): ImageF32 {
  const data = new Float32Array(height * width * channels);
  for (let i = 0; i < height; i++) {
    for (let j = 0; j < width; j++) {
      for (let k = 0; k < channels; k++) {
        data[(i * width + j) * channels + k] =
          0.5 + 0.3 * Math.sin(i / 17 + k) * Math.cos(j / 23) + 0.1 * Math.sin((i * j) / 300);
      }
    }
  }
  return makeImage(height, width, channels, data);
}

/** Speckle of 2 looks resampled as GRD products are: each value the mean of a 2x2 block of independent speckle. */
export function resampledSpeckle(seed: number, height: number, width: number): Float32Array {
  const clean = scene(height + 1, width + 1).data;
  const raw = gammaNoise(2).sample(clean, new Rng(seed));
  return Float32Array.from({ length: height * width }, (_, p) => {
    const i = Math.floor(p / width),
      j = p % width,
      at = (a: number, b: number) => raw[(i + a) * (width + 1) + j + b]!;
    return (at(0, 0) + at(0, 1) + at(1, 0) + at(1, 1)) / 4;
  });
}

export const GEO = {
  ModelPixelScale: [10, 10, 0],
  ModelTiepoint: [0, 0, 0, 500000, 4100000, 0],
  ProjectedCSTypeGeoKey: 32633,
  GTModelTypeGeoKey: 1,
  GTRasterTypeGeoKey: 1,
};

export interface TiffFacts {
  readonly samples: ArrayLike<number>;
  readonly geoKeys: Record<string, unknown> | null;
  readonly origin: number[];
  readonly resolution: number[];
  readonly noData: number | null;
  readonly bits: number;
  readonly width: number;
  readonly height: number;
}

/** Writes a GeoTIFF (float32, or 16-bit when given Uint16Array samples) with the test georeference. */
export async function writeGeoTiff(
  file: string,
  samples: Float32Array | Uint16Array,
  width: number,
  height: number,
  extra: Record<string, unknown> = {},
): Promise<void> {
  await writeFile(file, new Uint8Array(writeArrayBuffer(samples, { width, height, ...GEO, ...extra })));
}

/** The first image of a TIFF: samples, geo keys, origin, resolution, no-data, bits per sample. */
export async function readTiff(file: string): Promise<TiffFacts> {
  const tiff = await fromFile(file);
  try {
    const image = await tiff.getImage();
    return {
      samples: await image.readRasters({ interleave: true }),
      geoKeys: image.getGeoKeys(),
      origin: image.getOrigin(),
      resolution: image.getResolution(),
      noData: image.getGDALNoData(),
      bits: image.getBitsPerSample(0),
      width: image.getWidth(),
      height: image.getHeight(),
    };
  } finally {
    await tiff.close();
  }
}

/** A model folder with an untrained network (geometry and file handling tests only). */
export async function saveTestModel(dir: string, meta: ModelMeta): Promise<string> {
  const net = withRandomOutput(buildNet(meta.net, meta.channels, 3), 3);
  await saveModel(dir, await netArtifacts(net), meta);
  net.dispose();
  return dir;
}
