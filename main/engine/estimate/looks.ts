import { digamma, solveDecreasing, trigamma } from './polygamma';
import type { PixelSums } from './speckle-windows';
import { logVariance } from './speckle-windows';

/** Three estimates of the number of looks L from the same windows (each window with its own mean). */
export interface LooksEstimates {
  /** Maximum likelihood from arithmetic vs geometric means. */
  readonly ml: number;
  /** Method of moments, mean^2 / variance. */
  readonly moments: number;
  /** Var(log y) = trigamma(L). */
  readonly log: number;
}

const f = (x: number) => Math.log(x) - digamma(x);

/**
 * Pooled over windows of n pixels: E[log mean(y) - mean(log y)] = f(L) - f(nL) with f = log - digamma
 * (the sum of n Gamma(L) is Gamma(nL)), solved for L; E[s^2] / E[mean^2] = 1 / (L + 1 / n);
 * E[sample variance of log y] = trigamma(L).
 */
export function estimateLooks(windows: readonly PixelSums[]): LooksEstimates {
  if (windows.length === 0) return { ml: NaN, moments: NaN, log: NaN };
  const n = windows[0].count;
  let gap = 0,
    variance = 0,
    meanSquare = 0,
    logVar = 0;
  for (const w of windows) {
    const m = w.sum / w.count;
    gap += Math.log(m) - w.sumLogs / w.count;
    variance += (w.sumSquares - w.count * m * m) / (w.count - 1);
    meanSquare += m * m;
    logVar += logVariance(w);
  }
  const k = windows.length;
  return {
    ml: solveDecreasing((L) => f(L) - f(n * L), gap / k),
    moments: 1 / (variance / meanSquare) - 1 / n,
    log: solveDecreasing(trigamma, logVar / k),
  };
}
