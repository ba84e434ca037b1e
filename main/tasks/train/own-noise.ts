import { basename } from 'node:path';
import { imageNoiseSpec } from '../../engine/image-noise';
import { noiseModel } from '../../engine/noise';
import type { MaskedImage } from '../../engine/patches';
import type { NoiseSpec } from '../../shared/noise';

/**
 * Each image with its own noise model where the spec asks for one per image (correlated noise, speckle looks, raw
 * shot and read noise: image-noise.ts), and for speckle whose sub-images are chosen per image, the image's k; each
 * image's looks or (a, b) said in a note.
 */
export function withOwnNoise<T extends { image: MaskedImage; file: string }>(
  images: readonly T[],
  spec: NoiseSpec,
  note: (m: string) => void,
): T[] {
  if (!(spec.family === 'correlated' || spec.family === 'gamma' || spec.family === 'poissongaussian') || !spec.perImage)
    return [...images];
  return images.map((d) => {
    const own = imageNoiseSpec(spec, d.image);
    const subsample = own.family === 'gamma' && own.subsampleCorrelated ? own.subsample : undefined;
    if (own.family === 'gamma')
      note(
        `${basename(d.file)}: ${own === spec ? `looks not measurable, the pooled ${spec.looks} used` : `its own looks ${own.looks}`}${subsample ? `, on its ${subsample}x${subsample} sub-images (speckle correlated between neighbours)` : ''}`,
      );
    if (own.family === 'poissongaussian')
      note(
        `${basename(d.file)}: ${own === spec ? `shot and read noise not measurable, the pooled a=${own.a} b=${own.b} used` : `its own a=${own.a} b=${own.b}`}`,
      );
    return { ...d, image: { ...d.image, noise: noiseModel(own), ...(subsample && { subsample }) } };
  });
}
