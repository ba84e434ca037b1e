import { makeImage } from '../../engine/image';
import type { MaskedImage } from '../../engine/patches';
import { subImages } from '../../engine/sub-images';
import type { NamedImage, TrainData } from '../../engine/train/data';
import type { NoiseSpec } from '../../shared/noise';

/** An image's k x k sub-images, each with its share of the validity mask and the image's own noise model. */
function imageSubs(named: NamedImage, k: number): NamedImage[] {
  const { image } = named;
  const masks = image.valid && subImages(makeImage(image.height, image.width, 1, Float32Array.from(image.valid)), k);
  return subImages(image, k).map((sub, s): NamedImage => {
    const masked: MaskedImage = {
      ...sub,
      ...(masks && { valid: Uint8Array.from(masks[s]!.data) }),
      ...(image.noise && { noise: image.noise }),
    };
    return { ...named, name: `${named.name} (sub-image ${s + 1}/${k * k})`, image: masked };
  });
}

/**
 * Training data as the spec asks: for speckle trained on sub-images (gamma `subsample`), every image of each list
 * (split before, so no scene is both trained on and held out) replaced by its k x k pixel-shuffled sub-images, clean
 * targets alike, so pairs stay paired by index.
 */
export function asTrainedSubImages(data: TrainData, spec: NoiseSpec): TrainData {
  if (spec.family !== 'gamma' || !spec.subsample) return data;
  const k = spec.subsample;
  const subs = (list: readonly NamedImage[] | undefined) => list?.flatMap((n) => imageSubs(n, k));
  return {
    ...data,
    train: subs(data.train)!,
    validation: subs(data.validation)!,
    ...(data.trainClean && { trainClean: subs(data.trainClean) }),
    ...(data.validationClean && { validationClean: subs(data.validationClean) }),
  };
}
