import type { NoiseFamily, NoiseSpec } from '../../shared/noise';
import { noiseParameter } from '../../shared/noise';

/** One noise condition of the bench and the GR2R losses trained on it. */
export interface BenchCondition {
  readonly spec: NoiseSpec;
  readonly losses: readonly ('mse' | 'nll')[];
}

/**
 * Two levels per family, from clearly visible to strong (values in [0, 1] image units). Poisson-Gaussian: shot noise
 * with read noise of standard deviation 0.02 and 0.04.
 */
export const benchConditions: readonly BenchCondition[] = [
  { spec: { family: 'gaussian', sigma: 0.05 }, losses: ['mse'] },
  { spec: { family: 'gaussian', sigma: 0.1 }, losses: ['mse'] },
  { spec: { family: 'poisson', gain: 0.01 }, losses: ['mse', 'nll'] },
  { spec: { family: 'poisson', gain: 0.05 }, losses: ['mse', 'nll'] },
  { spec: { family: 'gamma', looks: 16 }, losses: ['mse', 'nll'] },
  { spec: { family: 'gamma', looks: 4 }, losses: ['mse', 'nll'] },
  { spec: { family: 'binomial', trials: 50 }, losses: ['mse'] },
  { spec: { family: 'binomial', trials: 10 }, losses: ['mse'] },
  { spec: { family: 'lograyleigh', scale: 0.1 }, losses: ['mse'] },
  { spec: { family: 'lograyleigh', scale: 0.2 }, losses: ['mse'] },
  { spec: { family: 'poissongaussian', a: 0.01, b: 0.0004 }, losses: ['mse'] },
  { spec: { family: 'poissongaussian', a: 0.04, b: 0.0016 }, losses: ['mse'] },
];

/** A family, or one level of it (`{ family: 'gaussian', level: 0.1 }`). */
export interface ConditionFilter {
  readonly family: NoiseFamily;
  readonly level?: number;
}

export function conditionsFor(filters: readonly ConditionFilter[] | undefined): BenchCondition[] {
  const wanted = (spec: NoiseSpec) =>
    !filters ||
    filters.some((f) => f.family === spec.family && (f.level === undefined || f.level === noiseParameter(spec)));
  return benchConditions.filter((c) => wanted(c.spec));
}
