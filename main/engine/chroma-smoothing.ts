import { gaussianBlur } from './gaussian-blur';
import { makeImage, type ImageF32 } from './image';

/**
 * An RGB image with its chroma smoothed and its luma kept. In BT.601 YCbCr without offsets (a linear map, so any
 * units do): Y = 0.299 R + 0.587 G + 0.114 B, Cb = 0.564 (B - Y), Cr = 0.713 (R - Y); Cb and Cr are blurred by a
 * Gaussian of `sigma` pixels and the image is put back with Y unchanged. Why: the GR2R network removes a photo's
 * luma noise but leaves its colour noise, which cameras leave in blotches at the scale of their half-resolution
 * chroma, where no recorruption measured from the image draws it (docs/quality.md).
 */
export function smoothChroma(image: ImageF32, sigma: number): ImageF32 {
  if (image.channels !== 3 || sigma <= 0) return image;
  const n = image.height * image.width;
  const d = image.data;
  const luma = new Float32Array(n);
  const chroma = new Float32Array(2 * n);
  for (let p = 0; p < n; p++) {
    const [r, g, b] = [d[3 * p]!, d[3 * p + 1]!, d[3 * p + 2]!];
    const y = 0.299 * r + 0.587 * g + 0.114 * b;
    luma[p] = y;
    chroma[2 * p] = b - y;
    chroma[2 * p + 1] = r - y;
  }
  const smooth = gaussianBlur(makeImage(image.height, image.width, 2, chroma), sigma).data;
  const out = new Float32Array(3 * n);
  for (let p = 0; p < n; p++) {
    const [db, dr] = [smooth[2 * p]!, smooth[2 * p + 1]!];
    const y = luma[p]!;
    // R = Y + (R - Y), B = Y + (B - Y), G from Y = 0.299 R + 0.587 G + 0.114 B.
    out[3 * p] = y + dr;
    out[3 * p + 2] = y + db;
    out[3 * p + 1] = y - (0.299 * dr + 0.114 * db) / 0.587;
  }
  return makeImage(image.height, image.width, 3, out);
}
