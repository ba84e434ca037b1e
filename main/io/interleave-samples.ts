import type { ImageF32 } from '../engine/image';
import type { AlphaPlane, BitDepth } from './source-info';

export interface Interleaved {
  readonly samples: Uint8Array | Uint16Array | Float32Array;
  /** Colour channels plus alpha, if any. */
  readonly bands: number;
  /** Colour values that did not fit the integer range (or were NaN) and were clipped. */
  readonly clipped: number;
}

const MAX: Readonly<Record<BitDepth, number>> = { 8: 255, 16: 65535, 32: 1 };

function allocate(bitDepth: BitDepth, length: number): Uint8Array | Uint16Array | Float32Array {
  if (bitDepth === 8) return new Uint8Array(length);
  if (bitDepth === 16) return new Uint16Array(length);
  return new Float32Array(length);
}

/** Alpha rescaled from its own depth to `bitDepth` (alpha is never clipped: it was in range). */
function alphaConverter(alpha: AlphaPlane, bitDepth: BitDepth): (i: number) => number {
  const from = MAX[alpha.bitDepth];
  const to = MAX[bitDepth];
  if (from === to) return (i) => alpha.data[i];
  const isInt = bitDepth !== 32;
  return (i) => {
    const unit = Math.min(1, Math.max(0, alpha.data[i] / from));
    return isInt ? Math.round(unit * to) : unit;
  };
}

/**
 * The engine's float values -> samples of `bitDepth`, alpha appended.
 * Integer formats scale by 255 or 65535 and round; values outside the range are clipped and counted.
 */
export function interleaveSamples(image: ImageF32, bitDepth: BitDepth, alpha?: AlphaPlane): Interleaved {
  const { data, channels } = image;
  // Float output with no alpha is the image itself: no copy of what may be a very large raster.
  if (bitDepth === 32 && !alpha) return { samples: data, bands: channels, clipped: 0 };
  const pixels = image.height * image.width;
  const bands = channels + (alpha ? 1 : 0);
  const samples = allocate(bitDepth, pixels * bands);
  const max = MAX[bitDepth];
  const alphaAt = alpha ? alphaConverter(alpha, bitDepth) : undefined;
  let clipped = 0;
  for (let p = 0, s = 0, d = 0; p < pixels; p++) {
    for (let c = 0; c < channels; c++) {
      const v = data[d++];
      if (bitDepth === 32) {
        samples[s++] = v;
        continue;
      }
      const q = Math.round(v * max);
      if (!(q >= 0 && q <= max)) clipped++;
      samples[s++] = q > max ? max : q >= 0 ? q : 0;
    }
    if (alphaAt) samples[s++] = alphaAt(p);
  }
  return { samples, bands, clipped };
}
