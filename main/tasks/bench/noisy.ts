import { makeImage } from '../../engine/image';
import { noiseModel } from '../../engine/noise';
import { Rng } from '../../engine/random/rng';
import type { NamedImage } from '../../engine/train/data';
import type { NoiseSpec } from '../../shared/noise';
import { describeNoise } from '../../shared/noise';

/** Noisy copies of clean images, one independent seeded stream per (seed, key, image). */
export function addNoise(images: readonly NamedImage[], spec: NoiseSpec, seed: number, key: number): NamedImage[] {
  const model = noiseModel(spec);
  return images.map(({ name, image }, i) => ({
    name,
    image: makeImage(image.height, image.width, image.channels, model.sample(image.data, Rng.derive(seed, key, i))),
  }));
}

/** A stable key per noise condition (FNV-1a of its description): the same noise whichever families are run. */
export function noiseKey(spec: NoiseSpec): number {
  let h = 0x811c9dc5;
  for (const ch of describeNoise(spec)) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return h & 0x3fffffff;
}
