import type { ImageF32 } from '../image';
import { makeImage } from '../image';
import { boxMean, ratioImage } from './ratio-image';

/**
 * Two local multiplicative corrections of a denoised speckle image (first band), measured as fixes for the ratio
 * image's mean (docs/quality.md, "Real SAR"); box windows of radius r:
 * - 'ratio': x-hat box(y / x-hat), so that the ratio's local mean is 1: its mean over the image is 1, and the output's
 *   mean falls where the scene is textured (the estimate moves towards 1 / E[1 / x | y], ratio-image.ts);
 * - 'mean': x-hat box(y) / box(x-hat), so that the output's local mean is the input's.
 * Pixels whose estimate is not positive keep it.
 */
export function locallyCorrected(noisy: ImageF32, denoised: ImageF32, kind: 'ratio' | 'mean', r: number): ImageF32 {
  const { height, width } = denoised;
  const x = Float32Array.from({ length: height * width }, (_, p) => denoised.data[p * denoised.channels]!);
  let factor: Float32Array;
  if (kind === 'ratio') {
    factor = boxMean(
      ratioImage(noisy, denoised).map((q) => (Number.isFinite(q) ? q : 1)),
      height,
      width,
      r,
    );
  } else {
    const y = Float32Array.from({ length: height * width }, (_, p) => noisy.data[p * noisy.channels]!);
    const [by, bx] = [boxMean(y, height, width, r), boxMean(x, height, width, r)];
    factor = by.map((v, p) => (bx[p]! > 0 ? v / bx[p]! : 1));
  }
  return makeImage(
    height,
    width,
    1,
    x.map((v, p) => (v > 0 ? v * factor[p]! : v)),
  );
}
