import type { ImageF32 } from './image';

/** Wang et al. 2004: 11x11 Gaussian window, sigma 1.5, K1 = 0.01, K2 = 0.03. */
const radius = 5;
const windowSigma = 1.5;

function gaussianWeights(): Float64Array {
  const w = new Float64Array(2 * radius + 1);
  let sum = 0;
  for (let i = -radius; i <= radius; i++) sum += w[i + radius] = Math.exp(-(i * i) / (2 * windowSigma * windowSigma));
  return w.map((v) => v / sum);
}

/** Separable Gaussian filter over the positions where the whole window fits ('valid'). */
function filterValid(plane: Float64Array, height: number, width: number, w: Float64Array): Float64Array {
  const oh = height - 2 * radius;
  const ow = width - 2 * radius;
  const rows = new Float64Array(height * ow);
  for (let i = 0; i < height; i++) {
    for (let j = 0; j < ow; j++) {
      let s = 0;
      for (let k = 0; k < w.length; k++) s += w[k]! * plane[i * width + j + k]!;
      rows[i * ow + j] = s;
    }
  }
  const out = new Float64Array(oh * ow);
  for (let i = 0; i < oh; i++) {
    for (let j = 0; j < ow; j++) {
      let s = 0;
      for (let k = 0; k < w.length; k++) s += w[k]! * rows[(i + k) * ow + j]!;
      out[i * ow + j] = s;
    }
  }
  return out;
}

function channelPlanes(a: ImageF32, b: ImageF32, k: number): Float64Array[] {
  const n = a.height * a.width;
  const planes = [0, 1, 2, 3, 4].map(() => new Float64Array(n));
  for (let p = 0; p < n; p++) {
    const x = a.data[p * a.channels + k]!;
    const y = b.data[p * b.channels + k]!;
    planes[0]![p] = x;
    planes[1]![p] = y;
    planes[2]![p] = x * x;
    planes[3]![p] = y * y;
    planes[4]![p] = x * y;
  }
  return planes;
}

/**
 * Mean SSIM of one channel: mean over windows of
 * (2 mx my + C1)(2 sxy + C2) / ((mx^2 + my^2 + C1)(sx^2 + sy^2 + C2)), C1 = (0.01 L)^2, C2 = (0.03 L)^2.
 */
function channelSsim(a: ImageF32, b: ImageF32, k: number, peak: number, w: Float64Array): number {
  const [mx, my, xx, yy, xy] = channelPlanes(a, b, k).map((p) => filterValid(p, a.height, a.width, w)) as [
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
  ];
  const c1 = (0.01 * peak) ** 2;
  const c2 = (0.03 * peak) ** 2;
  let sum = 0;
  for (let i = 0; i < mx.length; i++) {
    const m1 = mx[i]!;
    const m2 = my[i]!;
    const v1 = xx[i]! - m1 * m1;
    const v2 = yy[i]! - m2 * m2;
    const cov = xy[i]! - m1 * m2;
    sum += ((2 * m1 * m2 + c1) * (2 * cov + c2)) / ((m1 * m1 + m2 * m2 + c1) * (v1 + v2 + c2));
  }
  return sum / mx.length;
}

/**
 * Structural similarity of an estimate against the clean image (Wang et al. 2004), averaged over channels,
 * with the data range `peak` (1 for images in [0, 1]). Images must be at least 11 pixels a side.
 */
export function imageSsim(estimate: ImageF32, clean: ImageF32, peak = 1): number {
  if (estimate.height !== clean.height || estimate.width !== clean.width || estimate.channels !== clean.channels) {
    throw new Error(
      `sizes differ: ${estimate.width}x${estimate.height}x${estimate.channels} vs ${clean.width}x${clean.height}x${clean.channels}`,
    );
  }
  if (clean.height <= 2 * radius || clean.width <= 2 * radius)
    throw new Error(`SSIM needs images at least ${2 * radius + 1} pixels a side`);
  const w = gaussianWeights();
  let sum = 0;
  for (let k = 0; k < clean.channels; k++) sum += channelSsim(estimate, clean, k, peak, w);
  return sum / clean.channels;
}
