import type { ImageF32 } from '../image';

/** A square block of the image with its per-channel mean and variance. */
export interface Block {
  readonly top: number;
  readonly left: number;
  readonly size: number;
  readonly means: Float64Array;
  readonly variances: Float64Array;
  /** Mean over channels of the channel means. */
  readonly brightness: number;
}

/**
 * The blocks of `size` in the flattest `fraction` of their brightness band, where noise can be measured without
 * texture. A block is judged by its neighbours (the largest variance among the four beside it, relative to its
 * band), not by itself: a choice by its own variance would favour blocks whose noise happened to be small and read
 * the noise low, while the neighbours share the scene's flatness but (noise correlation being short) not its noise.
 * Blocks with clipped values are left out (clipping changes the noise law), unless that leaves out most of the image:
 * under heavy noise (a phone's high ISO) the dark and bright areas clip everywhere, and there the clipped noise, smaller
 * than the unclipped one, is what a recorruption at that brightness must match; a level read from the mid-tones alone
 * would be carried flat into them, several times too high.
 */
export function flatBlocks(image: ImageF32, size: number, fraction = 0.3, bands = 8): Block[][] {
  const rows = Math.floor(image.height / size);
  const cols = Math.floor(image.width / size);
  const [low, high] = valueRange(image);
  const measured: (Measured | null)[] = [];
  for (let i = 0; i < rows; i++)
    for (let j = 0; j < cols; j++) measured.push(measureBlock(image, i * size, j * size, size, low, high));
  const unclipped = measured.filter((b) => b && b.clipped <= cleanClipLimit).length;
  const limit = unclipped < minUnclippedShare * measured.length ? heavyClipLimit : cleanClipLimit;
  const grid = measured.map((b) => (b && b.clipped <= limit ? b.block : null));
  const keyed: { block: Block; key: number }[] = [];
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const block = grid[i * cols + j];
      if (!block) continue;
      const neighbours = [
        [i - 1, j],
        [i + 1, j],
        [i, j - 1],
        [i, j + 1],
      ]
        .filter(([a, b]) => a! >= 0 && a! < rows && b! >= 0 && b! < cols)
        .map(([a, b]) => grid[a! * cols + b!]);
      if (neighbours.some((n) => !n)) continue;
      const key = Math.max(...neighbours.map((n) => total(n!.variances)));
      keyed.push({ block, key });
    }
  }
  keyed.sort((a, b) => a.block.brightness - b.block.brightness);
  const bandCount = Math.max(1, Math.min(bands, Math.floor(keyed.length / 20)));
  const chosen: Block[][] = [];
  for (let b = 0; b < bandCount; b++) {
    const band = keyed.slice(
      Math.floor((b * keyed.length) / bandCount),
      Math.floor(((b + 1) * keyed.length) / bandCount),
    );
    band.sort((x, y) => x.key - y.key);
    chosen.push(band.slice(0, Math.max(3, Math.ceil(band.length * fraction))).map((k) => k.block));
  }
  return chosen;
}

/** A block may hold this share of values at the image's extremes; under heavy noise (below minUnclippedShare), heavyClipLimit. */
const cleanClipLimit = 0.01;
const heavyClipLimit = 0.5;
const minUnclippedShare = 0.5;

function total(values: Float64Array): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}

/** The smallest and largest finite value: where clipping would sit. */
function valueRange(image: ImageF32): [number, number] {
  let low = Infinity;
  let high = -Infinity;
  for (const v of image.data) {
    if (!Number.isFinite(v)) continue;
    if (v < low) low = v;
    if (v > high) high = v;
  }
  return [low, high];
}

/** A block's statistics and the share of its values at the image's extremes or not finite. */
interface Measured {
  readonly block: Block;
  readonly clipped: number;
}

/** The block's statistics, or null when more than heavyClipLimit of its values sit at the image's extremes. */
function measureBlock(
  image: ImageF32,
  top: number,
  left: number,
  size: number,
  low: number,
  high: number,
): Measured | null {
  const c = image.channels;
  const sums = new Float64Array(c);
  let clipped = 0;
  for (let i = top; i < top + size; i++) {
    for (let j = left; j < left + size; j++) {
      for (let k = 0; k < c; k++) {
        const v = image.data[(i * image.width + j) * c + k]!;
        if (!Number.isFinite(v) || v <= low || v >= high) clipped++;
        sums[k]! += v;
      }
    }
  }
  const n = size * size;
  if (clipped > heavyClipLimit * n * c) return null;
  const means = sums.map((s) => s / n);
  const variances = residualVariances(image, top, left, size);
  return { block: { top, left, size, means, variances, brightness: total(means) / c }, clipped: clipped / (n * c) };
}

/**
 * Per channel, the variance of the block minus its least-squares plane a + b i + c j: shading across a block is
 * signal, not noise. The plane takes 3 degrees of freedom (divide by N - 3); it also takes some of the noise's lowest
 * frequencies, which noise-profile.ts corrects for.
 */
export function residualVariances(image: ImageF32, top: number, left: number, size: number): Float64Array {
  const c = image.channels;
  const residuals = planeResiduals(image, top, left, size);
  const out = new Float64Array(c);
  for (let p = 0; p < size * size; p++) for (let k = 0; k < c; k++) out[k]! += residuals[p * c + k]! ** 2;
  return out.map((v) => v / (size * size - 3));
}

/** The block minus its least-squares plane, per channel, as [pixel][channel]. */
export function planeResiduals(image: ImageF32, top: number, left: number, size: number): Float64Array {
  const c = image.channels;
  const out = new Float64Array(size * size * c);
  const mid = (size - 1) / 2;
  const norm = (size * size * (size * size - 1)) / 12;
  const n = size * size;
  for (let k = 0; k < c; k++) {
    let s = 0,
      si = 0,
      sj = 0;
    for (let i = 0; i < size; i++) {
      for (let j = 0; j < size; j++) {
        const v = image.data[((top + i) * image.width + left + j) * c + k]!;
        s += v;
        si += (i - mid) * v;
        sj += (j - mid) * v;
      }
    }
    for (let i = 0; i < size; i++) {
      for (let j = 0; j < size; j++) {
        const v = image.data[((top + i) * image.width + left + j) * c + k]!;
        out[(i * size + j) * c + k] = v - s / n - ((i - mid) * si) / norm - ((j - mid) * sj) / norm;
      }
    }
  }
  return out;
}
