import type { ImageF32 } from '../../engine/image';
import { rawToScreen, type RawColour } from '../../engine/raw-colour';

/**
 * A quick look at camera raw planes (linear): a half-size demosaic, white-balanced as shot and through the file's
 * colour matrix to sRGB, with a 1/2.2 gamma (engine/raw-colour.ts). Without the file's colour: R, G, G, B planes.
 */
export function rawForScreen(planes: ImageF32, colour?: RawColour): ImageF32 {
  return rawToScreen(planes, colour);
}
