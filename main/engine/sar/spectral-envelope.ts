import type { ComplexRows } from './complex-rows';
import { fft } from './fft';

/** Longest line measured: 256 frequency bins resolve a weighting window and the band edges well enough. */
export const maxLineLength = 256;
/** Below this, a spectrum is too coarse to whiten with: the image is read as it is. */
export const minLineLength = 32;

/** The FFT length for an image: the largest power of two <= min(256, height, width); 0 when under 32. */
export function lineLength(height: number, width: number): number {
  let n = maxLineLength;
  while (n > Math.min(height, width)) n >>= 1;
  return n >= minLineLength ? n : 0;
}

/**
 * Sums of |FFT|^2 of complex lines of `length` samples: along rows (range) and along columns (azimuth). Their
 * means are the two spectral envelopes: the SAR processor's weighting window times its band (zero outside it when
 * the data are oversampled), the scene's own spectrum averaging out over many lines.
 */
export class SpectrumSums {
  readonly range: Float64Array;
  readonly azimuth: Float64Array;
  rangeLines = 0;
  azimuthLines = 0;

  constructor(readonly length: number) {
    this.range = new Float64Array(length);
    this.azimuth = new Float64Array(length);
  }

  /** Adds every whole line of `length` in the block: row segments to range, column segments to azimuth. */
  add(block: ComplexRows): void {
    const n = this.length;
    const re = new Float64Array(n);
    const im = new Float64Array(n);
    const accumulate = (into: Float64Array) => {
      fft(re, im);
      for (let f = 0; f < n; f++) into[f] += re[f]! ** 2 + im[f]! ** 2;
    };
    for (let i = 0; i < block.rows; i++) {
      for (let j = 0; j + n <= block.width; j += n) {
        for (let k = 0; k < n; k++) {
          re[k] = block.re[i * block.width + j + k]!;
          im[k] = block.im[i * block.width + j + k]!;
        }
        accumulate(this.range);
        this.rangeLines++;
      }
    }
    for (let i = 0; i + n <= block.rows; i += n) {
      for (let j = 0; j < block.width; j++) {
        for (let k = 0; k < n; k++) {
          re[k] = block.re[(i + k) * block.width + j]!;
          im[k] = block.im[(i + k) * block.width + j]!;
        }
        accumulate(this.azimuth);
        this.azimuthLines++;
      }
    }
  }
}

/** Circular moving average over 2 `half` + 1 bins: the envelope, without the scatter of a finite average. */
export function smoothEnvelope(power: Float64Array, half = Math.max(1, power.length >> 7)): Float64Array {
  const n = power.length;
  const out = new Float64Array(n);
  for (let f = 0; f < n; f++) {
    let sum = 0;
    for (let d = -half; d <= half; d++) sum += power[(f + d + n) % n]!;
    out[f] = sum / (2 * half + 1);
  }
  return out;
}
