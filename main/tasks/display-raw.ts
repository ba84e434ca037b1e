import type { ImageF32 } from '../engine/image';
import { makeImage } from '../engine/image';

/**
 * A quick look at camera raw planes (R, G, G, B of a Bayer mosaic, linear): RGB with the two greens averaged and
 * a 1/2.2 gamma; no white balance or colour matrix, which are a raw developer's job.
 */
export function rawForScreen(planes: ImageF32): ImageF32 {
  const pixels = planes.width * planes.height;
  const data = new Float32Array(pixels * 3);
  const gamma = (v: number): number => (v > 0 ? v ** (1 / 2.2) : 0);
  for (let p = 0; p < pixels; p++) {
    const at = p * 4;
    data[p * 3] = gamma(planes.data[at]!);
    data[p * 3 + 1] = gamma((planes.data[at + 1]! + planes.data[at + 2]!) / 2);
    data[p * 3 + 2] = gamma(planes.data[at + 3]!);
  }
  return makeImage(planes.height, planes.width, 3, data);
}
