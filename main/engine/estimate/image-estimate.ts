import type { EstimateFamily, ImageEstimate } from '../../shared/estimate';
import type { ImageF32 } from '../image';
import { centralCrop } from './central-crop';
import type { Clipping } from './clipping';
import { clipping, unusableMask } from './clipping';
import { estimateFamily } from './family-estimate';
import { imageChecks } from './image-checks';
import { inputProblem } from './input-check';
import { channelPlanes } from './plane';
import type { WarningLimits } from './warnings';
import { imageWarnings } from './warnings';

export interface ImageOptions {
  /** Gamma: the data are amplitudes, square them first. */
  readonly amplitude?: boolean;
  readonly limits?: Partial<WarningLimits>;
}

/**
 * One image's estimate (on its central 4 megapixels at most) with its checks, and its warnings;
 * throws, naming the image, on unusable input.
 */
export function estimateImage(
  name: string,
  whole: ImageF32,
  family: EstimateFamily,
  options: ImageOptions = {},
): { estimate: ImageEstimate; warnings: string[] } {
  const image = centralCrop(whole);
  const problem = inputProblem(image, family);
  if (problem) throw new Error(`${name}: ${problem}`);
  const { planes, clip, masks, found } = maskedEstimate(name, image, family, options.amplitude ?? false);
  const checks = imageChecks(image, planes, masks[0], family, found, clip);
  const value = checks.lattice?.matchesGain && checks.lattice.step ? checks.lattice.step : found.value;
  const common = { name, channels: found.channels, uncertainty: found.uncertainty, flat: found.flat, checks };
  const limits = { correlation: 0.3, clipping: 0.005, ...options.limits };
  const warnings = imageWarnings(name, family, found, checks, clip, limits);
  const cross = found.crossChecks ?? {};
  switch (family) {
    case 'gaussian':
      return {
        estimate: {
          family,
          sigma: value,
          crossChecks: { haarMad: cross.haarMad, immerkaer: cross.immerkaer },
          ...common,
        },
        warnings,
      };
    case 'poisson':
      return {
        estimate: {
          family,
          gain: value,
          a: found.affine?.a ?? value,
          b: found.affine?.b ?? 0,
          crossChecks: { variance: found.value, lattice: value === found.value ? null : value },
          ...common,
        },
        warnings,
      };
    case 'gamma':
      return {
        estimate: {
          family,
          looks: value,
          crossChecks: { moments: cross.moments, log: cross.log },
          amplitude: options.amplitude ?? false,
          ...common,
        },
        warnings,
      };
  }
}

/**
 * The family's estimate with clipped values kept out of every patch; with them back in when that leaves
 * too little to estimate from (heavy clipping: the clipping warning then says the law has changed).
 */
function maskedEstimate(name: string, image: ImageF32, family: EstimateFamily, amplitude: boolean) {
  const planes = channelPlanes(image);
  const clip = clipping(image);
  const attempt = (ends: Clipping) => {
    const masks = planes.map((plane) => unusableMask(plane, ends, family !== 'poisson'));
    return { masks, found: estimateFamily(family, planes, masks, amplitude) };
  };
  const usable = (v: number) => v > 0 && Number.isFinite(v);
  let result = attempt(clip);
  if (!usable(result.found.value)) result = attempt({ ...clip, low: 0, high: 0 });
  if (!usable(result.found.value))
    throw new Error(`${name}: too few patches with data to estimate from (is the image constant?)`);
  return { planes, clip, ...result };
}
