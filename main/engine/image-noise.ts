import { speckleDefaults } from '../shared/defaults';
import type { ImageEstimate } from '../shared/estimate';
import type { NoiseSpec } from '../shared/noise';
import { estimateImage } from './estimate/image-estimate';
import { estimateProfile } from './estimate/noise-profile';
import type { ImageF32 } from './image';
import { stackedSubImages } from './sub-images';

/**
 * The noise spec for one image, where the spec asks for one per image: for correlated noise (a folder mixing cameras
 * and ISOs) the image's own profile; for speckle (single-look and multilooked products together) the image's own
 * looks, measured on its central crop (engine/estimate), on its sub-images pooled when the model trains on them (with
 * `subsampleCorrelated`, only an image whose own speckle is correlated does: its spec keeps `subsample`); for
 * camera raw (a folder mixing ISOs) the image's own shot and read noise (a, b).
 * Otherwise, or when the image has too little flat area to measure, the model's. GR2R allows a different
 * recorruption per image: each image's pair (y1, y2) stays independent given its own x.
 */
export function imageNoiseSpec(spec: NoiseSpec, image: ImageF32): NoiseSpec {
  if (!(spec.family === 'correlated' || spec.family === 'gamma' || spec.family === 'poissongaussian') || !spec.perImage)
    return spec;
  try {
    if (spec.family === 'gamma') return ownSpeckle(spec, image);
    if (spec.family === 'poissongaussian') return { ...spec, ...ownShotAndRead(image) };
    return { ...spec, profile: estimateProfile(image, spec.profile.radius, spec.profile.directional).profile };
  } catch {
    return spec;
  }
}

type GammaSpec = Extract<NoiseSpec, { family: 'gamma' }>;

/**
 * The image's looks, and with `subsampleCorrelated` whether it trains on sub-images: when its own lag-1 speckle
 * correlation (the larger of rows and columns, on the full grid) is above speckleDefaults.correlationLimit.
 */
function ownSpeckle(spec: GammaSpec, image: ImageF32): GammaSpec {
  const { subsample: k, ...rest } = spec;
  if (!spec.subsampleCorrelated) return { ...spec, looks: ownLooks(k ? stackedSubImages(image, k) : image) };
  const whole = gammaEstimate(image);
  const lag = Math.max(whole.checks.correlation.horizontal, whole.checks.correlation.vertical);
  if (!k || lag <= speckleDefaults.correlationLimit) return { ...rest, looks: looksOf(whole) };
  return { ...spec, looks: ownLooks(stackedSubImages(image, k)) };
}

function gammaEstimate(image: ImageF32): Extract<ImageEstimate, { family: 'gamma' }> {
  const estimate = estimateImage('image', image, 'gamma').estimate;
  if (estimate.family !== 'gamma') throw new Error('no looks');
  return estimate;
}

function looksOf(estimate: Extract<ImageEstimate, { family: 'gamma' }>): number {
  if (!(estimate.looks > 0 && Number.isFinite(estimate.looks))) throw new Error('no looks');
  return Number(estimate.looks.toPrecision(4));
}

/** The image's maximum-likelihood looks on its most homogeneous windows (intensity). */
function ownLooks(image: ImageF32): number {
  return looksOf(gammaEstimate(image));
}

/** The image's Poisson-Gaussian fit var = a x + b on its central crop (b at least 0), to 4 significant digits. */
function ownShotAndRead(image: ImageF32): { a: number; b: number } {
  const fit = estimateImage('image', image, 'poisson').estimate;
  if (fit.family !== 'poisson' || !(fit.a > 0 && Number.isFinite(fit.a) && Number.isFinite(fit.b)))
    throw new Error('no fit');
  return { a: Number(fit.a.toPrecision(4)), b: Number(Math.max(0, fit.b).toPrecision(4)) };
}
