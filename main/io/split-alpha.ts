import type { RawColour } from '../engine/raw-colour';
import { makeImage, type ImageF32 } from '../engine/image';
import type { AlphaPlane, BitDepth, GeoTag } from './source-info';

type Samples = Uint8Array | Uint16Array | Float32Array;

export interface SplitPixels {
  readonly image: ImageF32;
  readonly alpha?: AlphaPlane;
}

/** What every decoder returns. */
export interface Decoded extends SplitPixels {
  readonly notes: readonly string[];
  readonly geoTags?: readonly GeoTag[];
  readonly noData?: number;
  /** Camera raw: each plane's filter colour, white balance and colour matrix (for a quick look). */
  readonly rawColour?: RawColour;
}

const SCALE: Readonly<Record<BitDepth, number>> = { 8: 1 / 255, 16: 1 / 65535, 32: 1 };

function emptyLike(samples: Samples, length: number): Samples {
  if (samples instanceof Uint8Array) return new Uint8Array(length);
  if (samples instanceof Uint16Array) return new Uint16Array(length);
  return new Float32Array(length);
}

/**
 * Interleaved samples -> the engine's float image (8-bit / 255, 16-bit / 65535, float as is),
 * with the last channel kept aside, unscaled, when it is alpha.
 */
export function splitAlpha(
  samples: Samples,
  height: number,
  width: number,
  bands: number,
  hasAlpha: boolean,
  bitDepth: BitDepth,
): SplitPixels {
  const colour = hasAlpha ? bands - 1 : bands;
  const pixels = height * width;
  const data = new Float32Array(pixels * colour);
  const alpha = hasAlpha ? emptyLike(samples, pixels) : undefined;
  const scale = SCALE[bitDepth];
  for (let p = 0, s = 0, d = 0; p < pixels; p++) {
    for (let c = 0; c < colour; c++) data[d++] = samples[s++] * scale;
    if (alpha) alpha[p] = samples[s++];
  }
  const image = makeImage(height, width, colour, data);
  return alpha ? { image, alpha: { data: alpha, bitDepth } } : { image };
}
