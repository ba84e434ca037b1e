import type { ImageF32 } from './image';
import { makeImage } from './image';
import { srgbFromCamera, type RawColour } from './raw-colour';

/**
 * The raw quick look at full size, one screen pixel per photosite, for the viewer at 100%: the mosaic rebuilt from its
 * planes (plane k sits at row floor(k / P), column k mod P of the P x P repeat pattern), each pixel's colour c the mean
 * of the photosites of colour c in its 3 x 3 neighbourhood (its own value for its own colour: bilinear demosaicking
 * on Bayer; every 3 x 3 window of X-Trans holds all three colours too), then white balance, colour matrix and 1/2.2
 * gamma as the half-size look (raw-colour.ts). Planes that are not a square pattern's (LinearRaw) are shown as they are.
 * Written by hand: a display-only demosaic of a few lines, where a library (LibRaw's) would decode the file again.
 */
export function rawToScreenFullSize(planes: ImageF32, colour: RawColour | undefined): ImageF32 | undefined {
  const side = Math.round(Math.sqrt(planes.channels));
  if (side < 2 || side * side !== planes.channels) return undefined;
  const colours =
    colour?.planeColours.length === planes.channels ? colour.planeColours : side === 2 ? [0, 1, 1, 2] : undefined;
  if (!colours) return undefined;
  const [height, width] = [planes.height * side, planes.width * side];
  const colourAt = (i: number, j: number): number => colours[(i % side) * side + (j % side)]!;
  const valueAt = (i: number, j: number): number =>
    planes.data[
      (Math.floor(i / side) * planes.width + Math.floor(j / side)) * planes.channels + (i % side) * side + (j % side)
    ]!;
  const neutral = colour?.neutral?.length === 3 && colour.neutral.every((v) => v > 0) ? colour.neutral : [1, 1, 1];
  const wb = neutral.map((v) => neutral[1]! / v);
  const m = srgbFromCamera(colour?.cameraFromXyz);
  const gamma = (v: number): number => (v > 0 ? Math.min(1, v) ** (1 / 2.2) : 0);
  const data = new Float32Array(height * width * 3);
  const sums = [0, 0, 0];
  const counts = [0, 0, 0];
  const cam = [0, 0, 0];
  for (let i = 0; i < height; i++) {
    for (let j = 0; j < width; j++) {
      sums.fill(0);
      counts.fill(0);
      for (let y = Math.max(0, i - 1); y <= Math.min(height - 1, i + 1); y++) {
        for (let x = Math.max(0, j - 1); x <= Math.min(width - 1, j + 1); x++) {
          const c = colourAt(y, x);
          sums[c]! += valueAt(y, x);
          counts[c]! += 1;
        }
      }
      const own = colourAt(i, j);
      for (let c = 0; c < 3; c++)
        cam[c] = (c === own ? valueAt(i, j) : counts[c]! > 0 ? sums[c]! / counts[c]! : 0) * wb[c]!;
      const at = (i * width + j) * 3;
      for (let r = 0; r < 3; r++)
        data[at + r] = gamma(m[3 * r]! * cam[0]! + m[3 * r + 1]! * cam[1]! + m[3 * r + 2]! * cam[2]!);
    }
  }
  return makeImage(height, width, 3, data);
}
