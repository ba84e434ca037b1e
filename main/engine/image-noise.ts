import type { NoiseSpec } from '../shared/noise';
import { estimateImage } from './estimate/image-estimate';
import { estimateProfile } from './estimate/noise-profile';
import type { ImageF32 } from './image';
import { subImages } from './sub-images';

/**
 * The noise spec for one image, where the spec asks for one per image: for correlated noise (a folder mixing cameras
 * and ISOs) the image's own profile; for speckle (single-look and multilooked products together) the image's own
 * looks, measured on its central crop (engine/estimate), on a sub-image when the model trains on sub-images.
 * Otherwise, or when the image has too little flat area to measure, the model's. GR2R allows a different
 * recorruption per image: each image's pair (y1, y2) stays independent given its own x.
 */
export function imageNoiseSpec(spec: NoiseSpec, image: ImageF32): NoiseSpec {
  if (!(spec.family === 'correlated' || spec.family === 'gamma') || !spec.perImage) return spec;
  try {
    if (spec.family === 'gamma') return { ...spec, looks: ownLooks(spec.subsample ? subImages(image, spec.subsample)[0]! : image) };
    return { ...spec, profile: estimateProfile(image, spec.profile.radius).profile };
  } catch {
    return spec;
  }
}

/** The image's maximum-likelihood looks on its most homogeneous windows (intensity). */
function ownLooks(image: ImageF32): number {
  const looks = estimateImage('image', image, 'gamma').estimate;
  if (looks.family !== 'gamma' || !(looks.looks > 0 && Number.isFinite(looks.looks))) throw new Error('no looks');
  return Number(looks.looks.toPrecision(4));
}
