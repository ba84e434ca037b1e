import type { EstimateFamily } from '../../shared/estimate';
import type { ImageF32 } from '../image';

/** Smallest side an image needs for enough patches and windows. */
export const minSide = 64;

/**
 * Why this image cannot be estimated (a sentence without the name), or null. Values that are not
 * finite are pixels without data (SAR no-data, masked borders): skipped, as long as most pixels hold data.
 */
export function inputProblem(image: ImageF32, family: EstimateFamily): string | null {
  if (image.height < minSide || image.width < minSide) {
    return `image is ${image.width}x${image.height}; estimation needs at least ${minSide}x${minSide} pixels`;
  }
  let missing = 0;
  let positive = 0;
  for (const v of image.data) {
    if (!Number.isFinite(v)) missing++;
    else if (v > 0) positive++;
  }
  if (missing > 0.9 * image.data.length)
    return `only ${image.data.length - missing} of ${image.data.length} values hold data (the rest are NaN or infinite)`;
  if (family === 'gamma' && positive < 0.5 * (image.data.length - missing))
    return 'most values are zero or negative; speckle data are positive intensities (or amplitudes)';
  return null;
}
