import { makeImage } from '../../engine/image';
import type { MaskedImage } from '../../engine/patches';
import { subImages } from '../../engine/sub-images';
import type { NamedImage, TrainData } from '../../engine/train/data';
import type { NoiseSpec } from '../../shared/noise';

/**
 * An image's k x k sub-images, each with its share of the validity mask, the image's own noise model and 1/k^2 of
 * its share of the patches (the file keeps its share, however many sub-images it is split into).
 */
function imageSubs(named: NamedImage, k: number): NamedImage[] {
  const { image } = named;
  const masks = image.valid && subImages(makeImage(image.height, image.width, 1, Float32Array.from(image.valid)), k);
  return subImages(image, k).map((sub, s): NamedImage => {
    const masked: MaskedImage = {
      ...sub,
      ...(masks && { valid: Uint8Array.from(masks[s]!.data) }),
      ...(image.noise && { noise: image.noise }),
      share: (image.share ?? 1) / (k * k),
    };
    return { ...named, name: `${named.name} (sub-image ${s + 1}/${k * k})`, image: masked };
  });
}

/**
 * Training data as the spec asks: for speckle trained on sub-images (gamma `subsample`), every image of each list
 * (with `subsampleCorrelated`, every one whose speckle is correlated; split before, so no scene is both trained on
 * and held out) replaced by its k x k pixel-shuffled sub-images, clean
 * targets alike, so pairs stay paired by index.
 */
export function asTrainedSubImages(data: TrainData, spec: NoiseSpec): TrainData {
  if (spec.family !== 'gamma' || !spec.subsample) return data;
  // With subsampleCorrelated each image carries its own k (own-noise.ts), none where its speckle is not correlated;
  // a clean target is split as its noisy image (`by`).
  const kOf = (n: NamedImage) => (spec.subsampleCorrelated ? n.image.subsample : spec.subsample);
  const subs = (list: readonly NamedImage[] | undefined, by: readonly NamedImage[]) =>
    list?.flatMap((n, i) => {
      const k = kOf(by[i]!);
      return k ? imageSubs(n, k) : [n];
    });
  return {
    ...data,
    train: subs(data.train, data.train)!,
    validation: subs(data.validation, data.validation)!,
    ...(data.trainClean && { trainClean: subs(data.trainClean, data.train) }),
    ...(data.validationClean && { validationClean: subs(data.validationClean, data.validation) }),
  };
}
