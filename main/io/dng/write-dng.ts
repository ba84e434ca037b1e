import type { ImageF32 } from '../../engine/image';
import { encodeDng } from './encode-dng';
import { decodeDng, openDng } from './read-dng';
import { imageToRaster } from './raw-planes';

/**
 * The bytes of a DNG that is the source DNG with its raw pixels replaced by `image` (in the engine's layout, as read):
 * the masked borders and every camera tag are the source's. Reads the source again (it is never written).
 */
export async function encodeDenoisedDng(sourceFile: string, image: ImageF32): Promise<{ parts: Uint8Array[]; clipped: number }> {
  const dng = await openDng(sourceFile);
  const { raster } = decodeDng(sourceFile, dng);
  const out = imageToRaster(image, raster, dng.raw);
  return { parts: encodeDng(dng.ifd0, dng.raw, out.raster), clipped: out.clipped };
}
