import { defaultDenoiseOptions } from '../../engine/denoise';
import { denoiseImage } from '../../engine/denoise-image';
import type { ImageF32 } from '../../engine/image';
import { makeImage } from '../../engine/image';
import { imageMeta } from '../../engine/image-scale';
import { keptNoiseWarning } from '../../engine/kept-noise';
import { openModel } from '../model';

const checkSide = 128;

/** The central side x side crop of an image (the whole image if smaller). */
function centre(image: ImageF32, side: number): ImageF32 {
  const h = Math.min(side, image.height);
  const w = Math.min(side, image.width);
  const top = (image.height - h) >> 1;
  const left = (image.width - w) >> 1;
  const data = new Float32Array(h * w * image.channels);
  for (let i = 0; i < h; i++) {
    const from = ((top + i) * image.width + left) * image.channels;
    data.set(image.data.subarray(from, from + w * image.channels), i * w * image.channels);
  }
  return makeImage(h, w, image.channels, data);
}

/**
 * After training, the model denoises the centre of one training image (two Monte Carlo passes); an output that moved
 * far less than the noise it was given means it learned to keep the noise (kept-noise.ts): said right away, before
 * a whole folder is denoised for nothing. The noise the model is given is the whole image's, as when denoising: a
 * 128-pixel crop has too few flat blocks to measure a real photo's noise (on the 14 camera JPEGs the crop's own level
 * put a working model's change at 0.02 to 3.5 of it, the whole image's at 0.26 to 1.1; docs/real-noise.md).
 */
export async function keptNoiseAfterTraining(model: string, image: ImageF32): Promise<string | null> {
  const { net, meta } = await openModel(model);
  try {
    if (image.channels !== meta.channels) return null;
    const crop = centre(image, checkSide);
    const own = imageMeta(meta, image);
    const output = await denoiseImage(net, own, crop, { ...defaultDenoiseOptions, mc: 2 });
    return keptNoiseWarning(crop, output, own);
  } finally {
    net.dispose();
  }
}
