import { gaussianBlur } from './gaussian-blur';
import { makeImage, type ImageF32 } from './image';
import type { Rng } from './random/rng';

/**
 * Noise as a camera leaves it in an sRGB photo, for pretraining the bundled camera-noise network
 * (scripts/pretrain.ts): shot and read noise on an RGGB mosaic (var = a x + b per photosite), spread over
 * neighbouring pixels and across colours by demosaicking (each colour the mean of its photosites in the 3 x 3
 * window, as test/helpers/camera-like.ts does), then in-camera noise reduction, which blurs the
 * chroma noise and, in flat areas only, the luma noise: what leaves real photos with less, coarser noise in flat
 * areas than in texture (docs/quality.md, "Real camera photos"). The caller clips, quantises and JPEG-encodes.
 */
export interface CameraNoise {
  /** Shot-noise gain and read-noise variance, image units in [0, 1]. */
  readonly a: number;
  readonly b: number;
  /** Gaussian sigma (pixels) of the chroma noise reduction; 0 for none. */
  readonly chromaBlur: number;
  /** Gaussian sigma of the luma noise reduction in flat areas; 0 for none. */
  readonly lumaBlur: number;
  /** Luma gradient (per pixel) at which the luma noise reduction has faded to 1/e: where texture starts. */
  readonly flatness: number;
}

/** One camera's settings: a log-uniform in [lo, hi], b = a / 10, noise reduction of random strength. */
export function drawCameraNoise(lo: number, hi: number, rng: Rng): CameraNoise {
  const a = lo * (hi / lo) ** rng.uniform();
  const chromaBlur = 2.5 * rng.uniform();
  const lumaBlur = rng.uniform() < 0.75 ? 0.5 + 1.5 * rng.uniform() : 0;
  return { a, b: a / 10, chromaBlur, lumaBlur, flatness: 0.005 + 0.04 * rng.uniform() };
}

const bayer = (i: number, j: number) => (i % 2 === 0 ? (j % 2 === 0 ? 0 : 1) : j % 2 === 0 ? 1 : 2);

/** The noise field (H x W x 3, not added) that `camera` leaves on the clean RGB image in [0, 1]. */
export function cameraNoiseField(clean: ImageF32, camera: CameraNoise, rng: Rng): ImageF32 {
  if (clean.channels !== 3) throw new Error(`camera noise needs an RGB image, not ${clean.channels} channel(s)`);
  const { height: h, width: w, data } = clean;
  const mosaic = new Float32Array(h * w);
  for (let i = 0; i < h; i++)
    for (let j = 0; j < w; j++) {
      const x = Math.max(0, data[(i * w + j) * 3 + bayer(i, j)]!);
      mosaic[i * w + j] = Math.sqrt(camera.a * x + camera.b) * rng.normal();
    }
  // Demosaicking is linear: demosaic(x + n) - demosaic(x) = demosaic(n), so the clean image stays the target.
  const luma = new Float32Array(h * w);
  const chroma = new Float32Array(h * w * 2);
  for (let i = 0; i < h; i++)
    for (let j = 0; j < w; j++) {
      const sums = [0, 0, 0];
      const counts = [0, 0, 0];
      for (let di = -1; di <= 1; di++)
        for (let dj = -1; dj <= 1; dj++) {
          const y = i + di;
          const x = j + dj;
          if (y < 0 || y >= h || x < 0 || x >= w) continue;
          sums[bayer(y, x)]! += mosaic[y * w + x]!;
          counts[bayer(y, x)]!++;
        }
      const [r, g, b] = sums.map((s, k) => s / counts[k]!) as [number, number, number];
      const p = i * w + j;
      // BT.601 YCbCr of the noise, where cameras reduce it.
      luma[p] = 0.299 * r + 0.587 * g + 0.114 * b;
      chroma[2 * p] = -0.168736 * r - 0.331264 * g + 0.5 * b;
      chroma[2 * p + 1] = 0.5 * r - 0.418688 * g - 0.081312 * b;
    }
  const cbcr = gaussianBlur(makeImage(h, w, 2, chroma), camera.chromaBlur).data;
  const y = camera.lumaBlur > 0 ? flatBlurred(clean, luma, camera) : luma;
  const out = new Float32Array(h * w * 3);
  for (let p = 0; p < h * w; p++) {
    const cb = cbcr[2 * p]!;
    const cr = cbcr[2 * p + 1]!;
    out[3 * p] = y[p]! + 1.402 * cr;
    out[3 * p + 1] = y[p]! - 0.344136 * cb - 0.714136 * cr;
    out[3 * p + 2] = y[p]! + 1.772 * cb;
  }
  return makeImage(h, w, 3, out);
}

/** The luma noise blurred where the clean image is flat: weight exp(-|grad L|^2 / flatness^2) on the blurred noise. */
function flatBlurred(clean: ImageF32, luma: Float32Array, camera: CameraNoise): Float32Array {
  const { height: h, width: w, data } = clean;
  const signal = new Float32Array(h * w);
  for (let p = 0; p < h * w; p++)
    signal[p] = 0.299 * data[3 * p]! + 0.587 * data[3 * p + 1]! + 0.114 * data[3 * p + 2]!;
  const smooth = gaussianBlur(makeImage(h, w, 1, signal), 1).data;
  const blurred = gaussianBlur(makeImage(h, w, 1, luma), camera.lumaBlur).data;
  const out = new Float32Array(h * w);
  for (let i = 0; i < h; i++)
    for (let j = 0; j < w; j++) {
      const gx = (smooth[i * w + Math.min(w - 1, j + 1)]! - smooth[i * w + Math.max(0, j - 1)]!) / 2;
      const gy = (smooth[Math.min(h - 1, i + 1) * w + j]! - smooth[Math.max(0, i - 1) * w + j]!) / 2;
      const flat = Math.exp(-(gx * gx + gy * gy) / camera.flatness ** 2);
      const p = i * w + j;
      out[p] = flat * blurred[p]! + (1 - flat) * luma[p]!;
    }
  return out;
}
