import type { ImageF32 } from '../../engine/image';
import { rawToScreen, type RawColour } from '../../engine/raw-colour';
import { rawToScreenFullSize } from '../../engine/raw-full-size';
import { upright } from '../../engine/upright';

/**
 * A quick look at camera raw planes (linear), white-balanced as shot and through the file's colour matrix to sRGB,
 * with a 1/2.2 gamma: a half-size demosaic (engine/raw-colour.ts) for thumbnails, one pixel per photosite
 * (engine/raw-full-size.ts) for the viewer at 100% (`fullSize`), as stored. Without the file's colour: R, G, G, B
 * planes.
 */
export function rawLook(planes: ImageF32, colour?: RawColour, fullSize = false): ImageF32 {
  return (fullSize ? rawToScreenFullSize(planes, colour) : undefined) ?? rawToScreen(planes, colour);
}

/** The quick look turned upright by the file's orientation, as the screen shows it. */
export function rawForScreen(planes: ImageF32, colour?: RawColour, fullSize = false): ImageF32 {
  return upright(rawLook(planes, colour, fullSize), colour?.orientation);
}
