import type { EstimateFamily } from '../../shared/estimate';
import type { BinVariance } from './line-fit';

/**
 * p in variance ~ mean^p, the weighted least-squares slope of log variance on log mean over the bins:
 * 0 for Gaussian noise, 1 for Poisson, 2 for Gamma. Null when the means span less than a factor 3.
 */
export function varianceExponent(bins: readonly BinVariance[]): number | null {
  const usable = bins.filter((bin) => bin.mean > 0 && bin.variance > 0);
  if (usable.length < 3) return null;
  const means = usable.map((bin) => bin.mean);
  if (Math.max(...means) < 3 * Math.min(...means)) return null;
  let sw = 0,
    sx = 0,
    sy = 0,
    sxx = 0,
    sxy = 0;
  for (const bin of usable) {
    const x = Math.log(bin.mean);
    const y = Math.log(bin.variance);
    sw += bin.count;
    sx += bin.count * x;
    sy += bin.count * y;
    sxx += bin.count * x * x;
    sxy += bin.count * x * y;
  }
  return (sw * sxy - sx * sy) / (sw * sxx - sx * sx);
}

/** The family whose exponent (0, 1, 2) is nearest. */
export function familyForExponent(p: number | null): EstimateFamily | null {
  if (p === null) return null;
  return p < 0.5 ? 'gaussian' : p < 1.5 ? 'poisson' : 'gamma';
}
