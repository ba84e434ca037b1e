import type { ImageF32 } from './image';
import type { NoiseModel } from './noise';
import { Rng } from './random/rng';

/** An image, optionally with the pixels that hold data marked 1 (no-data, SAR zero borders: 0); patches avoid the 0s. */
export interface MaskedImage extends ImageF32 {
  readonly valid?: Uint8Array;
  /** The image's own noise model, where noise is estimated per image (image-noise.ts); else the run's. */
  readonly noise?: NoiseModel;
  /**
   * Its weight when patches are drawn (1 when absent): the k^2 sub-images of one file, or the crops of a big one,
   * share one file's weight, so every file gets an equal share of the patches (file-shares.ts).
   */
  readonly share?: number;
  /** Speckle trained on sub-images image by image (gamma `subsampleCorrelated`): this image's k (own-noise.ts). */
  readonly subsample?: number;
}

/** Where a patch is cut, and which of the 8 symmetries of the square it gets. */
interface Place {
  readonly top: number;
  readonly left: number;
  readonly symmetry: number;
}

const MAX_PLACE_TRIES = 1000;

function allValid(valid: Uint8Array, width: number, top: number, left: number, size: number): boolean {
  for (let i = 0; i < size; i++) {
    const row = (top + i) * width + left;
    for (let j = 0; j < size; j++) if (!valid[row + j]) return false;
  }
  return true;
}

/** A random place for a size x size patch; with a mask, one whose every pixel holds data (drawn until found). */
function randomPlace(image: MaskedImage, size: number, rng: Rng): Place {
  for (let tries = 0; tries < MAX_PLACE_TRIES; tries++) {
    const top = rng.int(image.height - size + 1);
    const left = rng.int(image.width - size + 1);
    if (!image.valid || allValid(image.valid, image.width, top, left, size)) return { top, left, symmetry: rng.int(8) };
  }
  throw new Error(
    `no ${size}x${size} patch without no-data pixels was found in ${MAX_PLACE_TRIES} tries: ` +
      'the image holds little data; crop it to the valid area or use a smaller patch',
  );
}

/**
 * The patch size training can use on these images: the one asked for, or smaller where an image is,
 * always a multiple of what the network needs.
 */
export function effectivePatchSize(
  images: readonly { name: string; image: ImageF32 }[],
  patch: number,
  multiple: number,
): number {
  let size = Math.floor(patch / multiple) * multiple;
  for (const { name, image } of images) {
    const fit = Math.floor(Math.min(image.height, image.width) / multiple) * multiple;
    if (fit < multiple * 2)
      throw new Error(
        `${name}: ${image.width}x${image.height} is too small to train on (needs at least ${multiple * 2} pixels a side)`,
      );
    size = Math.min(size, fit);
  }
  return size;
}

/**
 * Copies the size x size crop of `image` at `place` into `out` at `offset`, under its flip/rotation (the 8
 * symmetries of the square), with `channels` channels: fewer are repeated, extra ones dropped.
 */
function copyPatchAt(
  image: ImageF32,
  place: Place,
  size: number,
  channels: number,
  out: Float32Array,
  offset: number,
): void {
  const { top, left, symmetry } = place;
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

export interface PatchBatch {
  /** One batch [count, size, size, channels] per source. */
  readonly batches: Float32Array[];
  /** Each patch's own channel count: fewer than `channels` where a gray image was repeated into them. */
  readonly ownChannels: number[];
  /** Which image of the first source each patch was cut from. */
  readonly indices: number[];
}

/**
 * Which image a patch is cut from: uniform over the images, or in proportion to their shares where they differ
 * (the same draws as before when they do not: runs without shares are unchanged).
 */
function pickImage(images: readonly MaskedImage[], rng: Rng): number {
  const first = images[0]!.share ?? 1;
  if (images.every((image) => (image.share ?? 1) === first)) return rng.int(images.length);
  const total = images.reduce((sum, image) => sum + (image.share ?? 1), 0);
  let u = rng.uniform() * total;
  for (let i = 0; i < images.length - 1; i++) {
    u -= images[i]!.share ?? 1;
    if (u < 0) return i;
  }
  return images.length - 1;
}

/**
 * Random patches, paired across `sources` (noisy and clean): the place is drawn on the first source, whose mask
 * (if any) it respects, and cut at the same place from every source.
 */
export function samplePatches(
  sources: readonly (readonly MaskedImage[])[],
  count: number,
  size: number,
  channels: number,
  rng: Rng,
): PatchBatch {
  const per = size * size * channels;
  const batches = sources.map(() => new Float32Array(count * per));
  const ownChannels: number[] = [];
  const indices: number[] = [];
  for (let n = 0; n < count; n++) {
    const index = pickImage(sources[0]!, rng);
    indices.push(index);
    const place = randomPlace(sources[0]![index]!, size, new Rng(rng.seed()));
    sources.forEach((images, s) => copyPatchAt(images[index]!, place, size, channels, batches[s]!, n * per));
    ownChannels.push(Math.min(channels, sources[0]![index]!.channels));
  }
  return { batches, ownChannels, indices };
}

/** A batch [count, size, size, channels] of random patches per source (samplePatches without the channel counts). */
export function samplePatchBatch(
  sources: readonly (readonly MaskedImage[])[],
  count: number,
  size: number,
  channels: number,
  rng: Rng,
): Float32Array[] {
  return samplePatches(sources, count, size, channels, rng).batches;
}
