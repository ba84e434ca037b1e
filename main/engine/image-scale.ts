import type { ModelMeta } from '../shared/model';
import type { ImageF32 } from './image';
import { imageNoiseSpec } from './image-noise';

/**
 * An image's own scale: twice the mean of its positive, finite values (speckle intensities are > 0; a zero is no
 * measurement, as the zero borders of a swath). Speckle is multiplicative, y = x n, so y / s is speckle of the
 * same looks on x / s: dividing each image by its own s before the network (and multiplying back) changes no noise
 * model and lets one network serve files whose intensities differ by orders of magnitude.
 */
export function ownScale(data: Float32Array): number {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (v > 0 && Number.isFinite(v)) {
      sum += v;
      count++;
    }
  }
  const scale = count > 0 ? (2 * sum) / count : 0;
  return scale > 1e-30 && Number.isFinite(scale) ? scale : 1;
}

/** The model's description as it applies to one image: its own noise spec and, with scaleByImage, its own scale. */
export function imageMeta(meta: ModelMeta, image: ImageF32): ModelMeta {
  const noise = imageNoiseSpec(meta.noise, image);
  return { ...meta, noise, ...(meta.scaleByImage && { scale: meta.scale * ownScale(image.data) }) };
}
