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
 * yet blended: the preview keeps it to re-blend when only the amount changes. The input is not modified.
 */
export async function denoiseInFileUnits(
  net: tfl.LayersModel,
  meta: ModelMeta,
  image: ImageF32,
  options: DenoiseOptions,
  amplitude: boolean,
): Promise<ImageF32> {
  const input = amplitude ? makeImage(image.height, image.width, image.channels, image.data.slice()) : image;
  if (amplitude) squareValues(input.data);
  const out = await denoiseImage(net, imageMeta(meta, input), input, options);
  if (amplitude) toAmplitude(out.data);
  return out;
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
