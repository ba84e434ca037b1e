import type { NoiseFamily, NoiseSpec } from '../../shared/noise';
import { binomialNoise } from './binomial';
import { correlatedNoise } from './correlated';
import { gammaNoise } from './gamma';
import { growthWeighted } from './growth-weighted';
import { gaussianNoise } from './gaussian';
import { logRayleighNoise } from './lograyleigh';
import type { NoiseModel } from './model';
import { poissonNoise } from './poisson';
import { poissonGaussianNoise } from './poisson-gaussian';

type Factory<F extends NoiseFamily> = (spec: Extract<NoiseSpec, { family: F }>) => NoiseModel;

const registry: { [F in NoiseFamily]: Factory<F> } = {
  gaussian: (s) => gaussianNoise(s.sigma),
  poisson: (s) => poissonNoise(s.gain),
  gamma: (s) => growthWeighted(gammaNoise(s.looks, s.perImage), s.noiseGrowth),
  binomial: (s) => binomialNoise(s.trials),
  lograyleigh: (s) => logRayleighNoise(s.scale),
  poissongaussian: (s) => poissonGaussianNoise(s.a, s.b, s.method),
  correlated: (s) => growthWeighted(correlatedNoise(s.profile, s.perImage, s.levelScale), s.noiseGrowth),
};

/** The noise model for a spec such as `{ family: 'poisson', gain: 0.05 }`. */
export function noiseModel(spec: NoiseSpec): NoiseModel {
  const factory = registry[spec.family] as Factory<typeof spec.family>;
  return factory(spec as never);
}

export type { BatchShape, NoiseModel, Recorrupted } from './model';
