import { sizeMultiple } from '../../engine/nets';
import type { NetConfig } from '../../engine/nets/config';
import { effectivePatchSize } from '../../engine/patches';
import { speckleValuesProblem } from '../../engine/sar/speckle-values';
import type { NoiseFamily } from '../../shared/noise';
import type { FileFailure } from '../../shared/jobs';
import type { LoadedImage } from '../dataset';
import { fileFailure } from '../each-file';

/**
 * The images large enough for the network (two of its size multiples a side), and for speckle, holding intensities
 * (not decibels: speckle-values.ts); each other one is added to `failures` by name, so one thumbnail in a folder is
 * skipped instead of stopping training.
 */
export function trainableImages(
  images: readonly LoadedImage[],
  net: NetConfig,
  patch: number,
  failures: FileFailure[],
  family?: NoiseFamily,
): LoadedImage[] {
  const multiple = sizeMultiple(net);
  return images.filter((loaded) => {
    try {
      effectivePatchSize([{ name: loaded.file, image: loaded.image }], patch, multiple);
      const values = family === 'gamma' ? speckleValuesProblem(loaded.image.data, loaded.source.noData) : null;
      if (values) throw new Error(values);
      return true;
    } catch (error) {
      failures.push(fileFailure(loaded.file, error));
      return false;
    }
  });
}
