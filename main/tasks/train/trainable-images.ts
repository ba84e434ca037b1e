import { sizeMultiple } from '../../engine/nets';
import type { NetConfig } from '../../engine/nets/config';
import { effectivePatchSize } from '../../engine/patches';
import type { FileFailure } from '../../shared/jobs';
import type { LoadedImage } from '../dataset';
import { fileFailure } from '../each-file';

/**
 * The images large enough for the network (two of its size multiples a side); each smaller one is added to
 * `failures` by name, so one thumbnail in a folder is skipped instead of stopping training.
 */
export function trainableImages(
  images: readonly LoadedImage[],
  net: NetConfig,
  patch: number,
  failures: FileFailure[],
): LoadedImage[] {
  const multiple = sizeMultiple(net);
  return images.filter((loaded) => {
    try {
      effectivePatchSize([{ name: loaded.file, image: loaded.image }], patch, multiple);
      return true;
    } catch (error) {
      failures.push(fileFailure(loaded.file, error));
      return false;
    }
  });
}
