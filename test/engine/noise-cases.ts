import type { NoiseSpec } from '../../main/shared/noise';

/** One case per family, at a level that makes the noise clearly visible; alpha valid for each. */
export const noiseCases: { spec: NoiseSpec; alpha: number; range: [number, number] }[] = [
  { spec: { family: 'gaussian', sigma: 0.1 }, alpha: 0.2, range: [0, 1] },
  { spec: { family: 'poisson', gain: 0.05 }, alpha: 0.2, range: [0.05, 1] },
  { spec: { family: 'gamma', looks: 4 }, alpha: 0.2, range: [0.05, 1] },
  { spec: { family: 'binomial', trials: 20 }, alpha: 0.2, range: [0.02, 0.98] },
  { spec: { family: 'lograyleigh', scale: 0.1 }, alpha: 0.2, range: [0, 1] },
];

/** A smooth deterministic ramp with texture, mapped into [lo, hi]. */
export function cleanPattern(height: number, width: number, [lo, hi]: [number, number]): Float32Array {
  const x = new Float32Array(height * width);
  for (let i = 0; i < height; i++) {
    for (let j = 0; j < width; j++) {
      const t = 0.5 + 0.35 * Math.sin(i / 3) * Math.cos(j / 5) + 0.15 * ((i + j) / (height + width) - 0.5);
      x[i * width + j] = lo + (hi - lo) * Math.min(1, Math.max(0, t));
    }
  }
  return x;
}

export function meanAndStdErr(values: Float64Array): { mean: number; se: number } {
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / values.length;
  let ss = 0;
  for (const v of values) ss += (v - mean) ** 2;
  return { mean, se: Math.sqrt(ss / (values.length - 1) / values.length) };
}
