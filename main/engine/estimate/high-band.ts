import { symmetricEigenvalues } from './eigenvalues';
import { noiseVarianceFromEigenvalues } from './eigen-noise';
import type { PatchSpectra } from './patch-spectra';

/** Noise variance from the eigenvalues of the second-moment matrix of the chosen patches' high bands. */
export function highBandVariance(spectra: PatchSpectra, chosen: ArrayLike<number>): number {
  const h = spectra.highCount;
  const moments = new Float64Array(h * h);
  for (let i = 0; i < chosen.length; i++) {
    const base = chosen[i] * h;
    for (let a = 0; a < h; a++) {
      const ca = spectra.high[base + a];
      for (let b = a; b < h; b++) moments[a * h + b] += ca * spectra.high[base + b];
    }
  }
  for (let a = 0; a < h; a++) {
    for (let b = a; b < h; b++) {
      moments[a * h + b] /= chosen.length;
      moments[b * h + a] = moments[a * h + b];
    }
  }
  return noiseVarianceFromEigenvalues(symmetricEigenvalues(moments, h));
}
