import type { ImageF32 } from '../image';
import { makeImage } from '../image';

/** Pixels an estimate looks at: noise is the same everywhere, so a central crop of this size is enough. */
export const maxEstimatePixels = 2048 * 2048;

export interface Window {
  readonly top: number;
  readonly left: number;
  readonly height: number;
  readonly width: number;
}

/** The central window of at most `maxPixels` pixels of a height x width image, keeping the aspect ratio. */
export function centralWindow(height: number, width: number, maxPixels = maxEstimatePixels): Window {
  if (height * width <= maxPixels) return { top: 0, left: 0, height, width };
  const scale = Math.sqrt(maxPixels / (height * width));
  const h = Math.max(1, Math.floor(height * scale));
  const w = Math.max(1, Math.floor(width * scale));
  return { top: (height - h) >> 1, left: (width - w) >> 1, height: h, width: w };
}

/** The central crop of at most `maxPixels` pixels, keeping the aspect ratio; the image itself if smaller. */
export function centralCrop(image: ImageF32, maxPixels = maxEstimatePixels): ImageF32 {
  const { height, width, channels } = image;
  if (height * width <= maxPixels) return image;
  const { top, left, height: h, width: w } = centralWindow(height, width, maxPixels);
  const data = new Float32Array(h * w * channels);
  for (let i = 0; i < h; i++) {
    const from = ((top + i) * width + left) * channels;
    data.set(image.data.subarray(from, from + w * channels), i * w * channels);
  }
  return makeImage(h, w, channels, data);
}
