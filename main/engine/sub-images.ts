import type { ImageF32 } from './image';
import { makeImage } from './image';

/**
 * The k x k pixel-shuffled sub-images of an image: sub-image (a, b) holds pixels (a + k i, b + k j). Speckle that is
 * correlated between neighbours (resampled, multilooked GRD products) is much less so k pixels apart, so GR2R's
 * pixel-independent recorruption fits the sub-images better (GR2R.md §6, measured in docs/quality.md "Real SAR").
 */
export function subImages(image: ImageF32, k: number): ImageF32[] {
  const { height, width, channels: c } = image;
  const subs: ImageF32[] = [];
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) {
      const h = Math.ceil((height - a) / k),
        w = Math.ceil((width - b) / k);
      const data = new Float32Array(h * w * c);
      for (let i = 0; i < h; i++) {
        for (let j = 0; j < w; j++) {
          const from = ((a + k * i) * width + b + k * j) * c;
          data.set(image.data.subarray(from, from + c), (i * w + j) * c);
        }
      }
      subs.push(makeImage(h, w, c, data));
    }
  }
  return subs;
}

/** The inverse of subImages: the k^2 sub-images, in its order, put back on a height x width grid. */
export function joinSubImages(subs: readonly ImageF32[], k: number, height: number, width: number): ImageF32 {
  const c = subs[0]!.channels;
  const out = new Float32Array(height * width * c);
  subs.forEach((sub, s) => {
    const a = Math.floor(s / k),
      b = s % k;
    for (let i = 0; i < sub.height; i++) {
      for (let j = 0; j < sub.width; j++) {
        const to = ((a + k * i) * width + b + k * j) * c;
        out.set(sub.data.subarray((i * sub.width + j) * c, (i * sub.width + j + 1) * c), to);
      }
    }
  });
  return makeImage(height, width, c, out);
}

/**
 * The k^2 sub-images cut to a common size, one under the other: one image on which a statistic pools every
 * phase (a 128 x 128 chip's 64 x 64 sub-images are each too small to measure looks on). Each is cut to a multiple
 * of `rows` rows, so that windows on a grid of that step never straddle two sub-images.
 */
export function stackedSubImages(image: ImageF32, k: number, rows = 16): ImageF32 {
  const subs = subImages(image, k);
  const width = Math.min(...subs.map((s) => s.width));
  const height =
    Math.floor(Math.min(...subs.map((s) => s.height)) / rows) * rows || Math.min(...subs.map((s) => s.height));
  const c = image.channels;
  const out = new Float32Array(subs.length * height * width * c);
  subs.forEach((sub, s) => {
    for (let i = 0; i < height; i++)
      out.set(sub.data.subarray(i * sub.width * c, (i * sub.width + width) * c), (s * height + i) * width * c);
  });
  return makeImage(subs.length * height, width, c, out);
}
