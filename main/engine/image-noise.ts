import type { NoiseSpec } from '../shared/noise';
import { estimateProfile } from './estimate/noise-profile';
import type { ImageF32 } from './image';

/**
 * The noise spec for one image: for correlated noise estimated per image (a folder mixing cameras and ISOs), the
 * image's own profile; otherwise (or when the image has too little flat area to measure) the model's. GR2R allows a
 * different recorruption per image: each image's pair (y1, y2) stays independent given its own x.
 */
export function imageNoiseSpec(spec: NoiseSpec, image: ImageF32): NoiseSpec {
  if (spec.family !== 'correlated' || !spec.perImage) return spec;
  try {
    return { ...spec, profile: estimateProfile(image).profile };
  } catch {
    return spec;
  }
}
