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
