import { basename } from 'node:path';
import { ownScale } from '../../engine/image-scale';
import type { MaskedImage } from '../../engine/patches';
import { speckleDefaults } from '../../shared/defaults';
import type { NoiseFamily } from '../../shared/noise';

/**
 * Whether each image is divided by its own scale (image-scale.ts): for speckle, when the images' scales differ by
 * more than speckleDefaults.scaleSpread. One scale (twice the folder's mean) would leave the darkest file's values
 * near 0 in the network's units, where its absolute errors are as large as the file's own intensities.
 */
export function scalesApart(
  images: readonly { image: MaskedImage; file: string }[],
  options: { readonly noise: { readonly family: NoiseFamily } },
  note: (m: string) => void,
): boolean {
  if (options.noise.family !== 'gamma' || images.length < 2) return false;
  const scales = images.map((d) => ({ file: d.file, scale: ownScale(d.image.data) }));
  const values = scales.map((s) => s.scale);
  const spread = Math.max(...values) / Math.min(...values);
  if (!(spread > speckleDefaults.scaleSpread)) return false;
  const said = scales.map((s) => `${basename(s.file)} ${(s.scale / 2).toPrecision(3)}`).join(', ');
  note(
    `the images' mean intensities differ by x${spread.toPrecision(3)} (${said}), over x${speckleDefaults.scaleSpread}: each image is scaled by its own mean for the network, in training and denoising`,
  );
  return true;
}

/** Each image divided by its own scale (a copy: the loaded pixels stay in the file's units). */
export function dividedByOwnScale<T extends { image: MaskedImage }>(images: readonly T[]): T[] {
  return images.map((d) => {
    const scale = ownScale(d.image.data);
    return { ...d, image: { ...d.image, data: d.image.data.map((v) => v / scale) } };
  });
}
