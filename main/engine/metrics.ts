import type { ImageF32 } from './image';
import { psnr } from './gr2r';

export function meanSquaredError(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) throw new Error(`cannot compare ${a.length} values with ${b.length}`);
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i]! - b[i]!) ** 2;
  return s / a.length;
}

/** PSNR in dB of an estimate against the clean image, both in the same units. */
export function imagePsnr(estimate: ImageF32, clean: ImageF32, peak = 1): number {
  if (estimate.height !== clean.height || estimate.width !== clean.width || estimate.channels !== clean.channels) {
    throw new Error(
      `sizes differ: ${estimate.width}x${estimate.height}x${estimate.channels} vs ${clean.width}x${clean.height}x${clean.channels}`,
    );
  }
  return psnr(meanSquaredError(estimate.data, clean.data), peak);
}
