import type { EstimateFamily } from '../../shared/estimate';
import type { ImageF32 } from '../image';

/** Smallest side an image needs for enough patches and windows. */
export const minSide = 64;

/** Why this image cannot be estimated (a sentence without the name), or null. */
export function inputProblem(image: ImageF32, family: EstimateFamily): string | null {
  if (image.height < minSide || image.width < minSide) {
    return `image is ${image.width}x${image.height}; estimation needs at least ${minSide}x${minSide} pixels`;
  }
  let bad = 0;
  let negative = 0;
  for (const v of image.data) {
    if (!Number.isFinite(v)) bad++;
    else if (v < 0) negative++;
  }
  if (bad) return `${bad} values are NaN or infinite`;
  if (negative && family !== 'gaussian') {
    const what = family === 'poisson' ? 'Poisson data are gain x counts' : 'speckle data are intensities (or amplitudes)';
    return `${negative} values are negative; ${what}, never negative: use --noise gaussian or fix the data`;
  }
  return null;
}
