import { highBandVariance } from './high-band';
import type { BinVariance, VarianceLine } from './line-fit';
import { fitVarianceLine } from './line-fit';
import type { PatchSpectra } from './patch-spectra';
import { minPatches } from './weak-texture';

export interface SignalDependentResult extends VarianceLine {
  readonly bins: readonly BinVariance[];
  /** False when too few patches looked flat at the noise the line predicts. */
  readonly flat: boolean;
}

const maxBins = 8;

/**
 * Noise variance that grows with the signal, var = a * mean + b (Poisson-Gaussian; Foi et al. 2008
 * in spirit): keep the patches whose low band is no stronger than the current line predicts at their
 * mean, sort them by mean into bins, measure each bin's noise in the high band, refit the line.
 */
export function signalDependentVariance(
  spectra: PatchSpectra,
  throughOrigin: boolean,
  start?: VarianceLine,
): SignalDependentResult {
  if (spectra.count < 2 * minPatches) return { a: NaN, b: NaN, bins: [], flat: false };
  let line = start ?? constantStart(spectra);
  let bins: BinVariance[] = [];
  let flat = false;
  for (let iteration = 0; iteration < 10; iteration++) {
    const chosen = weakPatches(spectra, line);
    flat = chosen.length >= 2 * minPatches;
    bins = binVariances(spectra, flat ? chosen : weakest(spectra, line, 2 * minPatches));
    const next = fitVarianceLine(bins, line, throughOrigin);
    const scale = Math.abs(next.a) + Math.abs(next.b) + 1e-300;
    const converged = Math.abs(next.a - line.a) + Math.abs(next.b - line.b) <= 1e-4 * scale;
    line = next;
    if (converged) break;
  }
  return { ...line, bins, flat };
}

/** A flat line at the noise variance of the weakest quarter of the patches. */
function constantStart(spectra: PatchSpectra): VarianceLine {
  const byEnergy = Int32Array.from(spectra.lowEnergy.keys()).sort(
    (p, q) => spectra.lowEnergy[p] - spectra.lowEnergy[q],
  );
  return { a: 0, b: highBandVariance(spectra, byEnergy.subarray(0, byEnergy.length >> 2)) };
}

/** Patches whose low-band energy is below the variance the line predicts at their mean. */
function weakPatches(spectra: PatchSpectra, line: VarianceLine): Int32Array {
  const chosen: number[] = [];
  for (let k = 0; k < spectra.count; k++) {
    if (spectra.lowEnergy[k] <= line.a * spectra.means[k] + line.b) chosen.push(k);
  }
  return Int32Array.from(chosen);
}

/** The `count` patches with the smallest low-band energy relative to the line. */
function weakest(spectra: PatchSpectra, line: VarianceLine, count: number): Int32Array {
  const ratio = spectra.lowEnergy.map((e, k) => e / Math.max(line.a * spectra.means[k] + line.b, 1e-300));
  const limit = Float64Array.from(ratio).sort()[Math.min(count, ratio.length) - 1];
  const chosen: number[] = [];
  for (let k = 0; k < ratio.length && chosen.length < count; k++) if (ratio[k] <= limit) chosen.push(k);
  return Int32Array.from(chosen);
}

/** Equal-count bins of the chosen patches by mean, at least `minPatches` each, with their noise variance. */
function binVariances(spectra: PatchSpectra, chosen: Int32Array): BinVariance[] {
  const sorted = Int32Array.from(chosen).sort((p, q) => spectra.means[p] - spectra.means[q]);
  const count = Math.max(1, Math.min(maxBins, Math.floor(sorted.length / minPatches)));
  return Array.from({ length: count }, (_, k) => {
    const bin = sorted.subarray(Math.floor((k * sorted.length) / count), Math.floor(((k + 1) * sorted.length) / count));
    let mean = 0;
    for (const p of bin) mean += spectra.means[p];
    return { mean: mean / bin.length, variance: highBandVariance(spectra, bin), count: bin.length };
  });
}
