import type { ImageF32 } from '../image';

/**
 * The ratio image noisy / denoised of a speckle intensity image (first band): where the denoiser is right,
 * y / x = n, whose mean is 1 for speckle of any looks (E n = 1) and variance 1 / L.
 *
 * Why its mean falls under 1 on textured scenes, for any smoother that keeps the mean (the Lee filter as much as a
 * network): a smoother shrinks each pixel towards its neighbourhood, x-hat = (1 - l) x + l m, and x / x-hat is
 * concave in x, so over a neighbourhood whose x varies, mean(x / x-hat) < x-bar / x-bar-hat = 1 (Jensen). Only the
 * estimate 1 / E[1 / x | y] gives E[y / x-hat] = E[E[y / x | y]] = 1, and it lies under E[x | y]: on texture one
 * cannot keep both the mean and a ratio mean of 1 (docs/quality.md, "Real SAR").
 */
export function ratioImage(noisy: ImageF32, denoised: ImageF32): Float32Array {
  const c = noisy.channels;
  return Float32Array.from({ length: noisy.height * noisy.width }, (_, p) => {
    const x = denoised.data[p * denoised.channels]!;
    return x > 0 ? noisy.data[p * c]! / x : Number.NaN;
  });
}

/** Mean of the finite values. */
function finiteMean(values: ArrayLike<number>): number {
  let s = 0;
  let n = 0;
  for (let k = 0; k < values.length; k++) {
    const v = values[k]!;
    if (Number.isFinite(v)) {
      s += v;
      n++;
    }
  }
  return n > 0 ? s / n : Number.NaN;
}

/** Mean of the ratio image over the whole image. */
export function ratioMean(noisy: ImageF32, denoised: ImageF32): number {
  return finiteMean(ratioImage(noisy, denoised));
}

/**
 * Mean of the ratio image over the `size` x `size` windows (stride size / 2) where the denoised image is flattest:
 * the top 10% by its ENL (at least 5), as window-enl.ts picks them. There the scene is as homogeneous as the
 * estimate can tell, the shrinkage above has nothing to act on, and a mean under 1 is the denoiser's own bias.
 */
export function flatRatioMean(noisy: ImageF32, denoised: ImageF32, size = 16): number {
  const ratio = ratioImage(noisy, denoised);
  const { width, height, channels } = denoised;
  const windows: { enl: number; ratio: number }[] = [];
  for (let i = 0; i + size <= height; i += size / 2) {
    for (let j = 0; j + size <= width; j += size / 2) {
      let s = 0;
      let ss = 0;
      let r = 0;
      let ok = true;
      for (let a = i; a < i + size; a++) {
        for (let b = j; b < j + size; b++) {
          const v = denoised.data[(a * width + b) * channels]!;
          const q = ratio[a * width + b]!;
          ok &&= v > 0 && Number.isFinite(q);
          s += v;
          ss += v * v;
          r += q;
        }
      }
      const n = size * size;
      const m = s / n;
      const variance = (ss - n * m * m) / (n - 1);
      if (ok && variance > 0) windows.push({ enl: (m * m) / variance, ratio: r / n });
    }
  }
  windows.sort((a, b) => b.enl - a.enl);
  return finiteMean(windows.slice(0, Math.max(5, Math.round(windows.length / 10))).map((w) => w.ratio));
}

/** Box mean of radius r (clipped at the borders) of a height x width plane, by running sums. */
export function boxMean(values: Float32Array, height: number, width: number, r: number): Float32Array {
  const rows = new Float64Array(values.length);
  for (let i = 0; i < height; i++) {
    let s = 0;
    for (let j = -r; j < width; j++) {
      if (j + r < width) s += values[i * width + j + r]!;
      if (j - r - 1 >= 0) s -= values[i * width + j - r - 1]!;
      if (j >= 0) rows[i * width + j] = s / (Math.min(width - 1, j + r) - Math.max(0, j - r) + 1);
    }
  }
  const out = new Float32Array(values.length);
  for (let j = 0; j < width; j++) {
    let s = 0;
    for (let i = -r; i < height; i++) {
      if (i + r < height) s += rows[(i + r) * width + j]!;
      if (i - r - 1 >= 0) s -= rows[(i - r - 1) * width + j]!;
      if (i >= 0) out[i * width + j] = s / (Math.min(height - 1, i + r) - Math.max(0, i - r) + 1);
    }
  }
  return out;
}
