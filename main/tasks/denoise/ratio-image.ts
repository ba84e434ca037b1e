import type { ImageF32 } from '../../engine/image';
import { makeImage } from '../../engine/image';

export interface RatioSummary {
  readonly mean: number;
  readonly variance: number;
  /** Pixel values counted (valid pixels with a positive denoised intensity). */
  readonly count: number;
}

/**
 * The ratio image noisy / denoised, in intensity, band after band, and its statistics. For speckle of L looks
 * and a denoiser that recovers the clean image, the ratio is the speckle itself: mean 1, variance 1/L. A mean
 * off 1 shows a bias; a variance below 1/L, structure removed with the speckle (or looks over-estimated).
 */
export class RatioImage {
  private count = 0;
  private sum = 0;
  private sumSquares = 0;

  /** The ratio of one band; NaN where a pixel holds no data or the denoised intensity is not positive. */
  add(noisy: ImageF32, denoised: ImageF32, valid?: Uint8Array): ImageF32 {
    const c = noisy.channels;
    const out = new Float32Array(noisy.data.length);
    for (let i = 0; i < out.length; i++) {
      const d = denoised.data[i]!;
      if ((valid && !valid[Math.floor(i / c)]) || !(d > 0)) {
        out[i] = NaN;
        continue;
      }
      const r = noisy.data[i]! / d;
      out[i] = r;
      this.count++;
      this.sum += r;
      this.sumSquares += r * r;
    }
    return makeImage(noisy.height, noisy.width, c, out);
  }

  summary(): RatioSummary {
    const { count } = this;
    if (count === 0) return { mean: NaN, variance: NaN, count };
    const mean = this.sum / count;
    const variance = count > 1 ? (this.sumSquares - count * mean * mean) / (count - 1) : 0;
    return { mean, variance, count };
  }
}
