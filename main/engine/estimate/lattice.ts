/**
 * The step s such that every value is an integer multiple of it (Poisson data y = g * counts lie on the
 * lattice of the gain g), or null when the values lie on no lattice. The step starts as the smallest gap
 * between distinct values and is refined by least squares over all values.
 */
export function latticeStep(values: Float32Array, maxSamples = 200_000): number | null {
  const every = Math.max(1, Math.floor(values.length / maxSamples));
  const picked = Float64Array.from({ length: Math.floor(values.length / every) }, (_, k) => values[k * every]);
  const sample = picked.filter((v) => Number.isFinite(v)).sort();
  if (sample.length < 3) return null;
  const first = smallestGap(sample);
  if (first === null) return null;
  let num = 0;
  let den = 0;
  for (const v of sample) {
    const k = Math.round(v / first);
    num += v * k;
    den += k * k;
  }
  const step = num / den;
  let off = 0;
  for (const v of sample) if (Math.abs(v / step - Math.round(v / step)) > 0.05) off++;
  return step > 0 && off <= 0.01 * sample.length ? step : null;
}

/** Smallest gap between distinct sorted values (float32 rounding aside); null with fewer than 3 distinct. */
function smallestGap(sorted: Float64Array): number | null {
  const tolerance = 1e-6 * Math.max(Math.abs(sorted[0]), Math.abs(sorted[sorted.length - 1]));
  let gap = Infinity;
  let distinct = 1;
  for (let k = 1; k < sorted.length; k++) {
    const d = sorted[k] - sorted[k - 1];
    if (d <= tolerance) continue;
    distinct++;
    if (d < gap) gap = d;
  }
  return distinct >= 3 ? gap : null;
}
