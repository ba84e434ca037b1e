import { blockDct, dctBasis } from './dct';
import { boxSum, integral } from './integral';
import type { Plane } from './plane';

/** Every patch of a plane split into two orthogonal frequency bands. */
export interface PatchSpectra {
  readonly count: number;
  /** Top-left corner of each patch. */
  readonly rows: Int32Array;
  readonly cols: Int32Array;
  readonly means: Float64Array;
  /** Mean square of the low-frequency AC coefficients: the noise variance on a flat patch, more on texture. */
  readonly lowEnergy: Float64Array;
  /** The high-frequency coefficients, `highCount` per patch. */
  readonly high: Float64Array;
  readonly highCount: number;
}

export interface SpectraOptions {
  readonly size?: number;
  /** Frequencies u + v >= cut form the high band (10 of 0..14 for 8 x 8 patches: 15 coefficients). */
  readonly cut?: number;
  readonly maxPatches?: number;
  /** Pixels no patch may touch (clipped values). */
  readonly mask?: Uint8Array;
}

/**
 * DCT of the size x size patches on a grid. The two bands are orthogonal projections, so for Gaussian
 * noise they are independent: choosing patches by their low band leaves the high band's noise unbiased.
 */
export function patchSpectra(plane: Plane, options: SpectraOptions = {}): PatchSpectra {
  const n = options.size ?? 8;
  const { low, high: highBand } = bands(n, options.cut ?? Math.round((5 * n) / 4));
  const { rows, cols } = patchCorners(plane, n, options.maxPatches ?? 60_000, options.mask);
  const basis = dctBasis(n);
  const out = new Float64Array(n * n);
  const scratch = new Float64Array(n * n);
  const means = new Float64Array(rows.length);
  const lowEnergy = new Float64Array(rows.length);
  const high = new Float64Array(rows.length * highBand.length);
  for (let p = 0; p < rows.length; p++) {
    blockDct(plane.data, plane.width, rows[p], cols[p], basis, n, out, scratch);
    means[p] = out[0] / n;
    let e = 0;
    for (const k of low) e += out[k] * out[k];
    lowEnergy[p] = e / low.length;
    highBand.forEach((k, h) => (high[p * highBand.length + h] = out[k]));
  }
  return { count: rows.length, rows, cols, means, lowEnergy, high, highCount: highBand.length };
}

/** Corners of the patches on a grid coarse enough for at most `maxPatches`, none touching the mask. */
function patchCorners(plane: Plane, n: number, maxPatches: number, mask?: Uint8Array) {
  const stride = Math.max(1, Math.ceil(Math.sqrt((plane.height * plane.width) / maxPatches)));
  const masked = mask ? integral(mask, plane.height, plane.width) : undefined;
  const rows: number[] = [];
  const cols: number[] = [];
  for (let i = 0; i + n <= plane.height; i += stride) {
    for (let j = 0; j + n <= plane.width; j += stride) {
      if (masked && boxSum(masked, i, j, n, n) > 0) continue;
      rows.push(i);
      cols.push(j);
    }
  }
  return { rows: Int32Array.from(rows), cols: Int32Array.from(cols) };
}

function bands(n: number, cut: number): { low: number[]; high: number[] } {
  const low: number[] = [];
  const high: number[] = [];
  for (let u = 0; u < n; u++) {
    for (let v = 0; v < n; v++) {
      if (u + v >= cut) high.push(u * n + v);
      else if (u + v > 0) low.push(u * n + v);
    }
  }
  return { low, high };
}
