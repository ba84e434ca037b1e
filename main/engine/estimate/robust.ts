/** Order statistics and robust spreads over plain arrays. */

/** The q-quantile (0..1) by linear interpolation between order statistics; NaN for no values. */
export function quantile(values: ArrayLike<number>, q: number): number {
  const n = values.length;
  if (n === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  const pos = Math.min(Math.max(q, 0), 1) * (n - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
}

export function median(values: ArrayLike<number>): number {
  return quantile(values, 0.5);
}

/** Median absolute deviation scaled to a standard deviation for normal data (1.4826 MAD). */
export function robustStd(values: ArrayLike<number>): number {
  const m = median(values);
  const deviations = Array.from(values, (v) => Math.abs(v - m));
  return 1.4826 * median(deviations);
}

export function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return values.length ? sum / values.length : NaN;
}
