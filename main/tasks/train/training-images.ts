import { basename } from 'node:path';
import { channelOf, isGrayAsColour } from '../../engine/image';
import type { NoiseFamily } from '../../shared/noise';
import type { LoadedImage } from '../dataset';
import { squareValues } from '../sar-units';
import { validityMask, type ValidityRule } from '../valid-pixels';

export interface TrainingPixels {
  /** Amplitude files: squared to intensity, the quantity the Gamma model describes. */
  readonly amplitude: boolean;
  readonly family: NoiseFamily;
}

// Zeros stay in training even for speckle: a zero intensity recorrupts to zeros (x = 0 gives y = 0), so it is
// harmless, while masking it out would leave no whole patch in photos with black areas.
function ruleOf(image: LoadedImage): ValidityRule {
  const { bitDepth, noData } = image.source;
  const tolerance = bitDepth === 32 ? 0 : 0.5 / (bitDepth === 8 ? 255 : 65535);
  return { tolerance, positiveOnly: false, ...(noData !== undefined && { noData }) };
}

/**
 * A gray image stored as colour carries the same noise in every channel, where GR2R recorrupts each channel
 * apart: trained as the gray image it is (engine/channel-repeats.ts says why independence matters).
 */
function asGray(loaded: LoadedImage, notes: string[]): LoadedImage {
  if (!isGrayAsColour(loaded.image)) return loaded;
  notes.push(
    `${basename(loaded.file)}: its ${loaded.image.channels} channels are identical (gray stored as colour), so it is trained as gray`,
  );
  return { ...loaded, image: channelOf(loaded.image, 0) };
}

/** Zeroes the values of pixels without data (in place), so no statistic over the raw array sees -9999 or NaN. */
function zeroInvalid(data: Float32Array, valid: Uint8Array, channels: number): void {
  for (let p = 0; p < valid.length; p++) if (!valid[p]) data.fill(0, p * channels, (p + 1) * channels);
}

/**
 * The loaded images as training sees them, changed in place (they are loaded for training only): amplitudes
 * squared, and pixels without data (the declared no-data value, NaN) masked so that no patch contains them.
 * `notes` says how much of each image was left out.
 */
export function prepareTrainingImages(
  images: readonly LoadedImage[],
  pixels: TrainingPixels,
): { images: LoadedImage[]; notes: string[] } {
  const notes: string[] = [];
  const prepared = images.map((original) => {
    const loaded = asGray(original, notes);
    const { image } = loaded;
    const valid = validityMask(image, ruleOf(loaded));
    if (pixels.amplitude) squareValues(image.data);
    if (!valid) return loaded;
    zeroInvalid(image.data, valid, image.channels);
    const left = valid.length - valid.reduce((n, v) => n + v, 0);
    notes.push(
      `${basename(loaded.file)}: ${((100 * left) / valid.length).toFixed(1)}% of the pixels hold no data and are left out of training`,
    );
    return { ...loaded, image: { ...image, valid } };
  });
  return { images: prepared, notes };
}

/** Clean targets of amplitude files are amplitudes too: squared like their noisy pairs. */
export function prepareTargets(
  images: readonly LoadedImage[] | undefined,
  pixels: TrainingPixels,
): LoadedImage[] | undefined {
  if (images && pixels.amplitude) for (const { image } of images) squareValues(image.data);
  return images ? [...images] : undefined;
}
