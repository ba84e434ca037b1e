import type { ImageF32 } from './image';
import { Rng } from './random/rng';

/**
 * The patch size training can use on these images: the one asked for, or smaller where an image is,
 * always a multiple of what the network needs.
 */
export function effectivePatchSize(images: readonly { name: string; image: ImageF32 }[], patch: number, multiple: number): number {
  let size = Math.floor(patch / multiple) * multiple;
  for (const { name, image } of images) {
    const fit = Math.floor(Math.min(image.height, image.width) / multiple) * multiple;
    if (fit < multiple * 2) throw new Error(`${name}: ${image.width}x${image.height} is too small to train on (needs at least ${multiple * 2} pixels a side)`);
    size = Math.min(size, fit);
  }
  return size;
}

/**
 * Copies a random size x size crop of `image` into `out` at `offset`, under a random flip/rotation
 * (the 8 symmetries of the square), with `channels` channels: fewer are repeated, extra ones dropped.
 */
export function copyRandomPatch(image: ImageF32, size: number, channels: number, rng: Rng, out: Float32Array, offset: number): void {
  const top = rng.int(image.height - size + 1);
  const left = rng.int(image.width - size + 1);
  const symmetry = rng.int(8);
  const { width, channels: c } = image;
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) {
      const [si, sj] = transform(i, j, size, symmetry);
      const src = ((top + si) * width + (left + sj)) * c;
      const dst = offset + (i * size + j) * channels;
      for (let k = 0; k < channels; k++) out[dst + k] = image.data[src + Math.min(k, c - 1)]!;
    }
  }
}

function transform(i: number, j: number, size: number, symmetry: number): [number, number] {
  const last = size - 1;
  let a = symmetry & 1 ? j : i;
  let b = symmetry & 1 ? i : j;
  if (symmetry & 2) a = last - a;
  if (symmetry & 4) b = last - b;
  return [a, b];
}

/** A batch [count, size, size, channels] of random patches, paired across `sources` (noisy and clean). */
export function samplePatchBatch(sources: readonly (readonly ImageF32[])[], count: number, size: number, channels: number, rng: Rng): Float32Array[] {
  const per = size * size * channels;
  const outs = sources.map(() => new Float32Array(count * per));
  for (let n = 0; n < count; n++) {
    const index = rng.int(sources[0]!.length);
    const seed = rng.seed();
    sources.forEach((images, s) => copyRandomPatch(images[index]!, size, channels, new Rng(seed), outs[s]!, n * per));
  }
  return outs;
}
