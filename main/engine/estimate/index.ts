import type { EstimateFamily, EstimateReport, ImageEstimate } from '../../shared/estimate';
import type { ImageF32 } from '../image';
import type { ImageOptions } from './image-estimate';
import { estimateImage } from './image-estimate';
import { poolEstimates } from './pool';

export type EstimateOptions = ImageOptions;

export interface NamedImage {
  readonly name: string;
  readonly image: ImageF32;
}

/**
 * Blind estimate of the noise parameter (sigma, gain or looks) of each image and of all of them
 * pooled, with the checks GR2R needs before training. Throws, naming the image, on unusable input.
 */
export function estimateNoise(
  images: readonly NamedImage[],
  family: EstimateFamily,
  options: EstimateOptions = {},
): EstimateReport {
  if (images.length === 0) throw new Error('no images to estimate from');
  const estimates: ImageEstimate[] = [];
  const warnings: string[] = [];
  for (const { name, image } of images) {
    const one = estimateImage(name, image, family, options);
    estimates.push(one.estimate);
    warnings.push(...one.warnings);
  }
  const { pooled, warnings: poolWarnings } = poolEstimates(estimates, family);
  return { images: estimates, pooled, warnings: [...warnings, ...poolWarnings] };
}

export { estimateImage } from './image-estimate';
export { parameterOf, poolEstimates } from './pool';
