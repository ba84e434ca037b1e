import type { FamilyChoice, NoiseSpec } from '../shared/noise';
import { MissingParameterError, resolveNoiseSpec } from '../tasks/estimate/resolve-noise';
import { UsageError } from './command';

/**
 * The noise spec to train with (tasks/resolve-noise.ts): the one given, estimated, or chosen from the data when
 * --noise is left out. On --resume, undefined: the checkpoint's own spec is used.
 */
export async function resolveNoise(
  noise: { family: FamilyChoice; spec?: NoiseSpec } | undefined,
  data: string,
  note: (message: string) => void,
  amplitude = false,
  recursive = false,
): Promise<NoiseSpec | undefined> {
  if (!noise) return undefined;
  try {
    return await resolveNoiseSpec(noise, data, note, amplitude, recursive);
  } catch (error) {
    if (error instanceof MissingParameterError) throw new UsageError(error.message);
    throw error;
  }
}
