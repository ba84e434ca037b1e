import type { NoiseModel } from './model';

/**
 * A noise model whose GR2R-MSE weights each pixel by its local level to the power -q (engine/loss-weights.ts): for
 * noise measured blind whose spread grows with the signal, as camera raw's shot noise does (q = 1/2), so that the
 * dark areas' small noise is not drowned by the bright areas' in the gradient. The weights depend on y1 alone: no
 * bias, as for Poisson. Recorruption and the loss constant are the model's own.
 */
export function growthWeighted(model: NoiseModel, growth: number | undefined): NoiseModel {
  if (!growth) return model;
  return { ...model, spec: { ...model.spec, noiseGrowth: growth } as NoiseModel['spec'], noiseGrowth: growth };
}
