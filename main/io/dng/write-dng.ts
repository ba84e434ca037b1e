import { estimateImage } from '../../engine/estimate';
import { centralCrop } from '../../engine/estimate/central-crop';
import type { ImageF32 } from '../../engine/image';
import { rawToScreen } from '../../engine/raw-colour';
import type { IfdEntry } from '../tiff-ifd';
import { encodeDng, type DngPreview } from './encode-dng';
import { rawColourOf } from './raw-colour-tags';
import { decodeDng, openDng } from './read-dng';
import { imageToRaster } from './raw-planes';

/**
 * NoiseProfile (tag 51041) of the denoised data: the Poisson-Gaussian fit var = a x + b of what noise is left,
 * measured on the output as `gr2r estimate` would, so a raw developer tunes its own noise reduction to it. None when
 * too little is left to measure (the source's profile described noise that is gone, so it is not kept).
 */
function noiseProfile(image: ImageF32): IfdEntry[] {
  try {
    // The central megapixel of planes is plenty for two numbers, and keeps a 45 MP file's peak memory down.
    const { estimate } = estimateImage('output', centralCrop(image, 1 << 20), 'poisson');
    if (estimate.family !== 'poisson' || !(estimate.a > 0)) return [];
    return [{ tag: 51041, type: 'double', values: [estimate.a, Math.max(estimate.b, 1e-12)] }];
  } catch {
    return [];
  }
}

const PREVIEW_SIZE = 256;

/** The quick look (white balance, colour matrix, gamma) at most 256 pixels on its long side, by block means. */
function preview(image: ImageF32, colour: Parameters<typeof rawToScreen>[1]): DngPreview {
  const step = Math.max(1, Math.ceil(Math.max(image.width, image.height) / PREVIEW_SIZE));
  const width = Math.max(1, Math.floor(image.width / step));
  const height = Math.max(1, Math.floor(image.height / step));
  const c = image.channels;
  const small = new Float32Array(width * height * c);
  for (let y = 0; y < height * step; y++) {
    for (let x = 0; x < width * step; x++) {
      for (let k = 0; k < c; k++)
        small[(Math.floor(y / step) * width + Math.floor(x / step)) * c + k]! +=
          image.data[(y * image.width + x) * c + k]! / (step * step);
    }
  }
  const screen = rawToScreen({ width, height, channels: c, data: small }, colour);
  return { width, height, rgb: Uint8Array.from(screen.data, (v) => Math.round(v * 255)) };
}

/**
 * The bytes of a DNG that is the source DNG with its raw pixels replaced by `image` (in the engine's layout, as read):
 * the masked borders and every camera tag are the source's. Reads the source again (it is never written).
 */
export async function encodeDenoisedDng(
  sourceFile: string,
  image: ImageF32,
): Promise<{ parts: Uint8Array[]; clipped: number }> {
  const dng = await openDng(sourceFile);
  const { raster } = decodeDng(sourceFile, dng);
  const out = imageToRaster(image, raster, dng.raw);
  const parts = encodeDng(
    dng.ifd0,
    dng.raw,
    out.raster,
    noiseProfile(image),
    preview(image, rawColourOf(dng.ifd0, dng.raw)),
  );
  return { parts, clipped: out.clipped };
}
