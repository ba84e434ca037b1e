import { estimateImage } from '../../engine/estimate';
import type { ImageF32 } from '../../engine/image';
import type { IfdEntry } from '../tiff-ifd';
import { encodeDng } from './encode-dng';
import { decodeDng, openDng } from './read-dng';
import { imageToRaster } from './raw-planes';

/**
 * NoiseProfile (tag 51041) of the denoised data: the Poisson-Gaussian fit var = a x + b of what noise is left,
 * measured on the output as `gr2r estimate` would, so a raw developer tunes its own noise reduction to it. None when
 * too little is left to measure (the source's profile described noise that is gone, so it is not kept).
 */
function noiseProfile(image: ImageF32): IfdEntry[] {
  try {
    const { estimate } = estimateImage('output', image, 'poisson');
    if (estimate.family !== 'poisson' || !(estimate.a > 0)) return [];
    return [{ tag: 51041, type: 'double', values: [estimate.a, Math.max(estimate.b, 1e-12)] }];
  } catch {
    return [];
  }
}

/**
 * The bytes of a DNG that is the source DNG with its raw pixels replaced by `image` (in the engine's layout, as read):
 * the masked borders and every camera tag are the source's. Reads the source again (it is never written).
 */
export async function encodeDenoisedDng(sourceFile: string, image: ImageF32): Promise<{ parts: Uint8Array[]; clipped: number }> {
  const dng = await openDng(sourceFile);
  const { raster } = decodeDng(sourceFile, dng);
  const out = imageToRaster(image, raster, dng.raw);
  return { parts: encodeDng(dng.ifd0, dng.raw, out.raster, noiseProfile(image)), clipped: out.clipped };
}
