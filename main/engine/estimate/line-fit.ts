import { median } from './robust';

/** The noise variance measured on patches of one brightness range. */
export interface BinVariance {
  readonly mean: number;
  readonly variance: number;
  readonly count: number;
}

/** variance = a * mean + b. */
export interface VarianceLine {
  readonly a: number;
  readonly b: number;
}

/**
 * Robust weighted least squares of variance on mean. A variance estimated from n patches has a
 * standard deviation proportional to variance / sqrt(n), so the weights are n / model(mean)^2 under
 * the previous model; bins whose relative residual exceeds 3 robust deviations (at least 10%) are
 * dropped once and the line refitted. Through the origin (b = 0) for pure Poisson data.
 */
export function fitVarianceLine(
  bins: readonly BinVariance[],
  model: VarianceLine,
  throughOrigin: boolean,
): VarianceLine {
  const first = weightedFit(bins, model, throughOrigin);
  if (bins.length < 3) return first;
  const residuals = bins.map((bin) => relativeResidual(bin, first));
  const limit = Math.max(0.1, 3 * 1.4826 * median(residuals.map(Math.abs)));
  const kept = bins.filter((_, k) => Math.abs(residuals[k]) <= limit);
  return kept.length >= 2 && kept.length < bins.length ? weightedFit(kept, first, throughOrigin) : first;
}

function relativeResidual(bin: BinVariance, line: VarianceLine): number {
  const fitted = line.a * bin.mean + line.b;
  return (bin.variance - fitted) / Math.max(Math.abs(fitted), 1e-300);
}

function weightedFit(bins: readonly BinVariance[], model: VarianceLine, throughOrigin: boolean): VarianceLine {
  const peak = Math.max(...bins.map((bin) => Math.abs(model.a * bin.mean + model.b)));
  let sw = 0,
    sx = 0,
    sy = 0,
    sxx = 0,
    sxy = 0;
  for (const bin of bins) {
    const fitted = Math.max(Math.abs(model.a * bin.mean + model.b), 1e-3 * peak, 1e-300);
    const w = bin.count / (fitted * fitted);
    sw += w;
    sx += w * bin.mean;
    sy += w * bin.variance;
    sxx += w * bin.mean * bin.mean;
    sxy += w * bin.mean * bin.variance;
  }
  if (throughOrigin) return { a: sxy / sxx, b: 0 };
  const det = sw * sxx - sx * sx;
  if (!(Math.abs(det) > 1e-12 * sw * sxx)) return { a: sxy / sxx, b: 0 };
  return { a: (sw * sxy - sx * sy) / det, b: (sxx * sy - sx * sxy) / det };
}
