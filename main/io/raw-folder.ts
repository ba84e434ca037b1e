import { readdir } from 'node:fs/promises';
import { isRawName } from './sniff-format';

const OTHER_IMAGE = /\.(png|jpe?g|tiff?|webp|heic|avif)$/i;

/**
 * Whether a folder holds camera raw files and no other images (by name, top level; nothing is read): for raw data
 * the noise model needs no flag, it is Poisson-Gaussian (shot + read noise) with a and b estimated.
 */
export async function folderHoldsRaw(dir: string): Promise<boolean> {
  const names = (await readdir(dir)).filter((n) => !n.startsWith('.'));
  return names.some(isRawName) && !names.some((n) => OTHER_IMAGE.test(n));
}
