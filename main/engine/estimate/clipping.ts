import type { ImageF32 } from '../image';
import type { Plane } from './plane';

export interface Clipping {
  /** Fractions of all values equal to the minimum and to the maximum. */
  readonly low: number;
  readonly high: number;
  readonly min: number;
  readonly max: number;
  /** Fraction of values below zero (impossible for Poisson counts and for intensities). */
  readonly negative: number;
}

/** Clipped data pile up at the ends of the range; a noisy image reaches each end about once. Values without data (not finite) do not count. */
export function clipping(image: ImageF32): Clipping {
  let min = Infinity;
  let max = -Infinity;
  let n = 0;
  for (const v of image.data) {
    if (!Number.isFinite(v)) continue;
    n++;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  let low = 0;
  let high = 0;
  let negative = 0;
  for (const v of image.data) {
    if (v === min) low++;
    if (v === max) high++;
    if (v < 0) negative++;
  }
  const share = (count: number) => count / Math.max(n, 1);
  return { low: share(low), high: share(high), min, max, negative: share(negative) };
}

/** Fraction of values above which an end of the range counts as clipped. */
export const clippedFraction = 0.001;

/**
 * Pixels to keep out of every patch: those without data (not finite) and those at a clipped end;
 * undefined when there are none. The low end is left alone when zeros are data (Poisson counts).
 */
export function unusableMask(plane: Plane, clip: Clipping, includeLow: boolean): Uint8Array | undefined {
  const low = includeLow && clip.low > clippedFraction;
  const high = clip.high > clippedFraction;
  const mask = Uint8Array.from(plane.data, (v) =>
    !Number.isFinite(v) || (low && v === clip.min) || (high && v === clip.max) ? 1 : 0,
  );
  return mask.includes(1) ? mask : undefined;
}
