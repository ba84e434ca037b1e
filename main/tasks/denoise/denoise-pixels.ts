import type * as tfl from '@tensorflow/tfjs-layers';
import { blendAmount } from '../../engine/blend-amount';
import type { DenoiseOptions } from '../../engine/denoise';
import { imageMeta } from '../../engine/image-scale';
import { denoiseImage } from '../../engine/denoise-image';
import type { ImageF32 } from '../../engine/image';
import { makeImage } from '../../engine/image';
import type { ModelMeta } from '../../shared/model';
import { squareValues, toAmplitude } from '../sar-units';

/**
 * The model's result in the file's own units (amplitude files are squared for the model and brought back), not
 * yet blended: the preview keeps it to re-blend when only the amount changes. The input is not modified. With it,
 * the model's description as it applied to this image (its own noise where the model measures each image's).
 */
export async function denoiseInFileUnits(
  net: tfl.LayersModel,
  meta: ModelMeta,
  image: ImageF32,
  options: DenoiseOptions,
  amplitude: boolean,
): Promise<{ denoised: ImageF32; meta: ModelMeta }> {
  const input = amplitude ? makeImage(image.height, image.width, image.channels, image.data.slice()) : image;
  if (amplitude) squareValues(input.data);
  const own = imageMeta(meta, input);
  const denoised = await denoiseImage(net, own, input, options);
  if (amplitude) toAmplitude(denoised.data);
  return { denoised, meta: own };
}

/** A copy of `denoised` blended with `original` at `amount` percent (blend-amount.ts): what preview and export write. */
export function atAmount(original: ImageF32, denoised: ImageF32, amount: number): ImageF32 {
  if (amount >= 100) return denoised;
  return blendAmount(
    original,
    makeImage(denoised.height, denoised.width, denoised.channels, denoised.data.slice()),
    amount,
  );
}
