import type { ImageF32 } from '../../../main/engine/image';
import { clipping, unusableMask } from '../../../main/engine/estimate/clipping';
import { estimateFamily } from '../../../main/engine/estimate/family-estimate';
import { channelPlanes } from '../../../main/engine/estimate/plane';
import type { EstimateFamily } from '../../../main/shared/estimate';
import type { NoiseSpec } from '../../../main/shared/noise';
import { addNoise, loadClean } from './synth';

/** The family's parameter estimated from the noise alone (no checks, no lattice): what the accuracy tests measure. */
export function estimateParameter(image: ImageF32, family: EstimateFamily): number {
  const planes = channelPlanes(image);
  const clip = clipping(image);
  const masks = planes.map((plane) => unusableMask(plane, clip, family !== 'poisson'));
  return estimateFamily(family, planes, masks, false).value;
}

export function specOf(family: EstimateFamily, level: number): NoiseSpec {
  if (family === 'gaussian') return { family, sigma: level };
  return family === 'poisson' ? { family, gain: level } : { family, looks: level };
}

/** Relative errors (estimate / true - 1) of one image at several levels, each with its own seed. */
export async function relativeErrors(
  file: string,
  family: EstimateFamily,
  levels: readonly number[],
  size = 512,
): Promise<number[]> {
  const clean = await loadClean(file, size);
  return levels.map(
    (level, k) => estimateParameter(addNoise(clean, specOf(family, level), 100 + k), family) / level - 1,
  );
}
