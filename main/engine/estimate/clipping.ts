import type { ImageF32 } from '../image';
import type { Plane } from './plane';

export interface Clipping {
  /** Fractions of all values equal to the minimum and to the maximum. */
  readonly low: number;
  readonly high: number;
  readonly min: number;
  readonly max: number;
}

/** Clipped data pile up at the ends of the range; a noisy image reaches each end about once. */
export function clipping(image: ImageF32): Clipping {
  let min = Infinity;
  let max = -Infinity;
  for (const v of image.data) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  let low = 0;
  let high = 0;
  for (const v of image.data) {
    if (v === min) low++;
    if (v === max) high++;
  }
  const n = image.data.length;
  return { low: low / n, high: high / n, min, max };
}

/** Fraction of values above which an end of the range counts as clipped. */
export const clippedFraction = 0.001;

/**
 * Pixels at a clipped end, to keep out of every patch; null when neither end is clipped. The low end
 * is left alone when zeros are data (Poisson counts).
 */
export function clippedMask(plane: Plane, clip: Clipping, includeLow: boolean): Uint8Array | undefined {
  const low = includeLow && clip.low > clippedFraction;
  const high = clip.high > clippedFraction;
  if (!low && !high) return undefined;
  return Uint8Array.from(plane.data, (v) => ((low && v === clip.min) || (high && v === clip.max) ? 1 : 0));
}
