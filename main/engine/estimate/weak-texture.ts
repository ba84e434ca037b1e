import { highBandVariance } from './high-band';
import type { PatchSpectra } from './patch-spectra';

export interface WeakTextureResult {
  /** Noise variance; NaN when there are too few patches. */
  readonly variance: number;
  /** Indices of the patches the variance came from, and how many were offered. */
  readonly chosen: Int32Array;
  readonly offered: number;
  /** False when too few patches looked flat at the noise level found: the value is then an upper bound. */
  readonly flat: boolean;
}

/** Fewest patches a variance is computed from. */
export const minPatches = 500;

/**
 * Weak-texture patch PCA in the manner of Liu, Tanaka & Okutomi (2013): alternately keep the patches
 * whose low band is no stronger than noise of the current variance makes it on average, and re-estimate
 * the variance from the eigenvalues of their high band's covariance (Chen, Zhu & Heng 2015).
 * The selection looks only at the low band, so it does not bias the noise measured in the high band.
 */
export function weakTextureVariance(spectra: PatchSpectra, subset?: Int32Array): WeakTextureResult {
  const offered = subset ?? Int32Array.from(spectra.lowEnergy.keys());
  if (offered.length < minPatches)
    return { variance: NaN, chosen: new Int32Array(0), offered: offered.length, flat: false };
  const order = Int32Array.from(offered).sort((a, b) => spectra.lowEnergy[a] - spectra.lowEnergy[b]);
  let chosen = order.subarray(0, Math.max(minPatches, Math.floor(order.length / 10)));
  let variance = highBandVariance(spectra, chosen);
  let passing = 0;
  for (let iteration = 0; iteration < 10; iteration++) {
    passing = countBelow(spectra.lowEnergy, order, variance);
    chosen = order.subarray(0, Math.max(minPatches, passing));
    const next = highBandVariance(spectra, chosen);
    const converged = Math.abs(next - variance) <= 1e-4 * variance;
    variance = next;
    if (converged) break;
  }
  return { variance, chosen, offered: offered.length, flat: passing >= minPatches };
}

/** How many patches, in ascending order of low-band energy, lie below the threshold. */
function countBelow(lowEnergy: Float64Array, order: Int32Array, threshold: number): number {
  let lo = 0;
  let hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (lowEnergy[order[mid]] < threshold) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
