import type { Plane } from './plane';

/** Sums over a set of pixels. */
export interface PixelSums {
  readonly count: number;
  readonly sum: number;
  readonly sumSquares: number;
  readonly sumLogs: number;
  readonly sumLogSquares: number;
}

/**
 * A square window whose even and odd rows share no pixel (and so no noise): the whole of each half
 * (to judge homogeneity) and its short runs of `run` pixels (to measure the speckle in).
 */
export interface SpeckleWindow {
  readonly top: number;
  readonly left: number;
  readonly halves: readonly [PixelSums, PixelSums];
  readonly runs: readonly [PixelSums[], PixelSums[]];
}

/**
 * Windows of `size` on a grid (coarser on large images, at most `maxWindows`) in which every value is
 * positive, finite and not masked (others skipped).
 */
export function speckleWindows(
  plane: Plane,
  size = 8,
  run = 2,
  mask?: Uint8Array,
  maxWindows = 40_000,
): SpeckleWindow[] {
  const step = size * Math.max(1, Math.ceil(Math.sqrt((plane.height * plane.width) / (size * size * maxWindows))));
  const windows: SpeckleWindow[] = [];
  for (let i = 0; i + size <= plane.height; i += step) {
    for (let j = 0; j + size <= plane.width; j += step) {
      if (mask && anyMasked(mask, plane.width, i, j, size)) continue;
      const even = halfRuns(plane, i, j, size, 0, run);
      const odd = halfRuns(plane, i, j, size, 1, run);
      if (even && odd) windows.push({ top: i, left: j, halves: [merge(even), merge(odd)], runs: [even, odd] });
    }
  }
  return windows;
}

function anyMasked(mask: Uint8Array, width: number, top: number, left: number, size: number): boolean {
  for (let i = top; i < top + size; i++) {
    for (let j = left; j < left + size; j++) if (mask[i * width + j]) return true;
  }
  return false;
}

function halfRuns(
  plane: Plane,
  top: number,
  left: number,
  size: number,
  parity: number,
  run: number,
): PixelSums[] | undefined {
  const runs: PixelSums[] = [];
  for (let i = top + parity; i < top + size; i += 2) {
    for (let j = left; j + run <= left + size; j += run) {
      const sums = pixelSums(plane.data, i * plane.width + j, run);
      if (!sums) return undefined;
      runs.push(sums);
    }
  }
  return runs;
}

function pixelSums(data: Float64Array, start: number, count: number): PixelSums | undefined {
  let sum = 0,
    sumSquares = 0,
    sumLogs = 0,
    sumLogSquares = 0;
  for (let k = start; k < start + count; k++) {
    const v = data[k];
    if (!(v > 0 && v < Infinity)) return undefined;
    const l = Math.log(v);
    sum += v;
    sumSquares += v * v;
    sumLogs += l;
    sumLogSquares += l * l;
  }
  return { count, sum, sumSquares, sumLogs, sumLogSquares };
}

function merge(parts: PixelSums[]): PixelSums {
  const add = (key: keyof PixelSums) => parts.reduce((total, p) => total + p[key], 0);
  return {
    count: add('count'),
    sum: add('sum'),
    sumSquares: add('sumSquares'),
    sumLogs: add('sumLogs'),
    sumLogSquares: add('sumLogSquares'),
  };
}

/** Unbiased sample variance of log y. */
export function logVariance(s: PixelSums): number {
  return (s.sumLogSquares - (s.sumLogs * s.sumLogs) / s.count) / (s.count - 1);
}
