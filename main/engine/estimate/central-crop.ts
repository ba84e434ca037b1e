import type { ImageF32 } from '../image';
import { makeImage } from '../image';

/** Pixels an estimate looks at: noise is the same everywhere, so a central crop of this size is enough. */
export const maxEstimatePixels = 2048 * 2048;

/** The central crop of at most `maxPixels` pixels, keeping the aspect ratio; the image itself if smaller. */
export function centralCrop(image: ImageF32, maxPixels = maxEstimatePixels): ImageF32 {
  const { height, width, channels } = image;
  if (height * width <= maxPixels) return image;
  const scale = Math.sqrt(maxPixels / (height * width));
  const h = Math.max(1, Math.floor(height * scale));
  const w = Math.max(1, Math.floor(width * scale));
  const top = (height - h) >> 1;
  const left = (width - w) >> 1;
  const data = new Float32Array(h * w * channels);
  for (let i = 0; i < h; i++) {
    const from = ((top + i) * width + left) * channels;
    data.set(image.data.subarray(from, from + w * channels), i * w * channels);
  }
  return makeImage(h, w, channels, data);
}
