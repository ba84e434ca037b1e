import type { ImageF32 } from '../engine/image';

/** Which pixels hold data: not the declared no-data value, not NaN, and (for speckle) not zero or below. */
export interface ValidityRule {
  /** The file's no-data value, in engine units. */
  readonly noData?: number;
  /** How far a value may be from noData and still be it: half a step of an 8/16-bit file, 0 for float. */
  readonly tolerance: number;
  /**
   * Speckle (Gamma) intensities are > 0, so a zero is no measurement: the zero borders around a SAR swath.
   * Other families keep their zeros (a black pixel of a photo is data).
   */
  readonly positiveOnly: boolean;
}

function isInvalid(v: number, rule: ValidityRule): boolean {
  if (Number.isNaN(v)) return true;
  if (rule.positiveOnly && v <= 0) return true;
  const { noData } = rule;
  if (noData === undefined) return false;
  return Number.isNaN(noData) ? false : Math.abs(v - noData) <= rule.tolerance;
}

/** 1 where every channel of a pixel holds data, 0 elsewhere; undefined when all pixels do (the common case). */
export function validityMask(image: ImageF32, rule: ValidityRule): Uint8Array | undefined {
  const { data, channels } = image;
  const pixels = image.height * image.width;
  let mask: Uint8Array | undefined;
  for (let p = 0; p < pixels; p++) {
    for (let k = 0; k < channels; k++) {
      if (!isInvalid(data[p * channels + k]!, rule)) continue;
      mask ??= new Uint8Array(pixels).fill(1);
      mask[p] = 0;
      break;
    }
  }
  return mask;
}

/**
 * Replaces the values of invalid pixels, in place, by the mean of the valid ones, channel by channel, so that a
 * no-data value such as -9999 never reaches the network next to real data. Returns false if no pixel is valid.
 */
export function fillInvalid(image: ImageF32, valid: Uint8Array): boolean {
  const { data, channels } = image;
  const sums = new Float64Array(channels);
  let count = 0;
  for (let p = 0; p < valid.length; p++) {
    if (!valid[p]) continue;
    count++;
    for (let k = 0; k < channels; k++) sums[k]! += data[p * channels + k]!;
  }
  if (count === 0) return false;
  for (let p = 0; p < valid.length; p++) {
    if (valid[p]) continue;
    for (let k = 0; k < channels; k++) data[p * channels + k] = sums[k]! / count;
  }
  return true;
}

/** Puts back, in place, the original values of invalid pixels: no-data stays exactly as it was. */
export function restoreInvalid(out: ImageF32, original: ImageF32, valid: Uint8Array): void {
  const c = out.channels;
  for (let p = 0; p < valid.length; p++) {
    if (valid[p]) continue;
    for (let k = 0; k < c; k++) out.data[p * c + k] = original.data[p * c + k]!;
  }
}
