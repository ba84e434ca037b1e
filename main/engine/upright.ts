import type { ImageF32 } from './image';
import { makeImage } from './image';

/**
 * Where the stored pixel shown at upright (y, x) lies, for a TIFF/EXIF Orientation (tag 274) of a stored h x w image.
 * Each case says where the stored row 0 and column 0 lie on the visual image: 2 top/right (mirrored), 3
 * bottom/right (180 degrees), 4 bottom/left, 5 left/top (transposed), 6 right/top (turned 90 degrees clockwise to
 * view), 7 right/bottom, 8 left/bottom; anything else: as stored.
 */
export function storedAt(
  orientation: number | undefined,
  h: number,
  w: number,
  y: number,
  x: number,
): [number, number] {
  switch (orientation) {
    case 2:
      return [y, w - 1 - x];
    case 3:
      return [h - 1 - y, w - 1 - x];
    case 4:
      return [h - 1 - y, x];
    case 5:
      return [x, y];
    case 6:
      return [h - 1 - x, y];
    case 7:
      return [h - 1 - x, w - 1 - y];
    case 8:
      return [x, w - 1 - y];
    default:
      return [y, x];
  }
}

/** Whether the orientation swaps height and width (5-8). */
export const turnsSideways = (orientation: number | undefined): boolean =>
  orientation !== undefined && orientation >= 5 && orientation <= 8;

/**
 * The image turned upright, where the pixels are kept as stored (a raw mosaic, its denoised DNG) and only the screen
 * shows them upright.
 */
export function upright(image: ImageF32, orientation: number | undefined): ImageF32 {
  if (orientation === undefined || orientation < 2 || orientation > 8) return image;
  const { height: h, width: w, channels: c, data } = image;
  const [oh, ow] = turnsSideways(orientation) ? [w, h] : [h, w];
  const out = new Float32Array(data.length);
  for (let y = 0; y < oh; y++) {
    for (let x = 0; x < ow; x++) {
      const [r, col] = storedAt(orientation, h, w, y, x);
      const from = (r * w + col) * c;
      const to = (y * ow + x) * c;
      for (let k = 0; k < c; k++) out[to + k] = data[from + k]!;
    }
  }
  return makeImage(oh, ow, c, out);
}
