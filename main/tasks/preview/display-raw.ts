import type { ImageF32 } from '../../engine/image';
import { rawToScreen, type RawColour } from '../../engine/raw-colour';
import { rawToScreenFullSize } from '../../engine/raw-full-size';

/**
 * A quick look at camera raw planes (linear), white-balanced as shot and through the file's colour matrix to sRGB,
 * with a 1/2.2 gamma: a half-size demosaic (engine/raw-colour.ts) for thumbnails, one pixel per photosite
 * (engine/raw-full-size.ts) for the viewer at 100% (`fullSize`). Without the file's colour: R, G, G, B planes.
 */
export function rawForScreen(planes: ImageF32, colour?: RawColour, fullSize = false): ImageF32 {
  return (fullSize ? rawToScreenFullSize(planes, colour) : undefined) ?? rawToScreen(planes, colour);
}
