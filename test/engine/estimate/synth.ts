import sharp from 'sharp';
import type { ImageF32 } from '../../../main/engine/image';
import { makeImage } from '../../../main/engine/image';
import { noiseModel } from '../../../main/engine/noise';
import { Rng } from '../../../main/engine/random/rng';
import type { NoiseSpec } from '../../../main/shared/noise';

/** Public-domain / CC0 photos the tests carry (test/fixtures/images/SOURCES.md). */
export const imagesDir = new URL('../../fixtures/images/', import.meta.url).pathname;

/** A clean sample image in [0, 1], its centre crop of at most `size` x `size` pixels, alpha dropped. */
export async function loadClean(file: string, size = 256): Promise<ImageF32> {
  const { width = 0, height = 0, channels = 3 } = await sharp(imagesDir + file).metadata();
  const source = channels < 3 ? sharp(imagesDir + file).extractChannel(0) : sharp(imagesDir + file).removeAlpha();
  const w = Math.min(size, width);
  const h = Math.min(size, height);
  const region = { left: Math.floor((width - w) / 2), top: Math.floor((height - h) / 2), width: w, height: h };
  const { data, info } = await source.extract(region).raw().toBuffer({ resolveWithObject: true });
  return makeImage(
    info.height,
    info.width,
    info.channels,
    Float32Array.from(data, (v) => v / 255),
  );
}

/** y drawn from the app's own noise model for `spec`, seeded. */
export function addNoise(clean: ImageF32, spec: NoiseSpec, seed: number): ImageF32 {
  const y = noiseModel(spec).sample(clean.data, new Rng(seed));
  return makeImage(clean.height, clean.width, clean.channels, y);
}

/** x + sigma * (white noise blurred by a 3x3 binomial kernel, rescaled to unit variance). */
export function addCorrelatedNoise(clean: ImageF32, sigma: number, seed: number): ImageF32 {
  const { height, width, channels } = clean;
  const rng = new Rng(seed);
  const white = Float32Array.from(clean.data, () => rng.normal());
  const k = [1, 2, 1];
  const y = new Float32Array(clean.data.length);
  const unit = 16 / Math.sqrt(36); // sum of kernel / sqrt(sum of squared kernel weights)
  for (let i = 0; i < height; i++) {
    for (let j = 0; j < width; j++) {
      for (let c = 0; c < channels; c++) {
        let s = 0;
        for (let di = -1; di <= 1; di++) {
          for (let dj = -1; dj <= 1; dj++) {
            const ii = Math.min(height - 1, Math.max(0, i + di));
            const jj = Math.min(width - 1, Math.max(0, j + dj));
            s += k[di + 1] * k[dj + 1] * white[(ii * width + jj) * channels + c];
          }
        }
        const p = (i * width + j) * channels + c;
        y[p] = clean.data[p] + (sigma * s * unit) / 16;
      }
    }
  }
  return makeImage(height, width, channels, y);
}

export function clip(image: ImageF32, lo = 0, hi = 1): ImageF32 {
  const y = image.data.map((v) => Math.min(hi, Math.max(lo, v)));
  return makeImage(image.height, image.width, image.channels, y);
}

/** Circular separable filter of a size x size field. */
function filtered(field: Float64Array, size: number, taps: number[]): Float64Array {
  const r = (taps.length - 1) / 2;
  const pass = (src: Float64Array, along: (i: number, j: number, k: number) => number) =>
    Float64Array.from(src, (_, p) => {
      const i = Math.floor(p / size),
        j = p % size;
      return taps.reduce((s, t, k) => s + t * src[along(i, j, k - r)]!, 0);
    });
  const rows = pass(field, (i, j, k) => i * size + ((j + k + size) % size));
  return pass(rows, (i, j, k) => ((i + k + size) % size) * size + j);
}

/**
 * Single-look speckle as an oversampled SLC gives it: a white complex Gaussian field through a separable
 * low-pass, |z|^2 scaled to mean 1, so every pixel is exponential (L = 1 exactly) and neighbours are correlated.
 */
export function slcSpeckle(size: number, taps: number[], seed: number): Float64Array {
  const rng = new Rng(seed);
  const white = () => Float64Array.from({ length: size * size }, () => rng.normal());
  const re = filtered(white(), size, taps),
    im = filtered(white(), size, taps);
  const gain = 2 * taps.reduce((s, t) => s + t * t, 0) ** 2;
  return Float64Array.from(re, (v, k) => (v * v + im[k]! ** 2) / gain);
}
