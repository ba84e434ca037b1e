import type { TrainOptions } from '../../engine/train/options';
import { evalEveryFor, rawTrainSteps, speckleDefaults } from '../../shared/defaults';
import type { NoiseSpec } from '../../shared/noise';
import type { LoadedImage } from '../dataset';

/** Real SAR: speckle whose looks were measured blind (its loss then weighted by the level^-2: resolve-noise.ts). */
export function blindSpeckle(noise: NoiseSpec): boolean {
  return noise.family === 'gamma' && noise.noiseGrowth !== undefined;
}

/**
 * Training options for data that needs more steps than the default from random weights, unless the user chose the
 * steps (or resumes, or fine-tunes); said in a note. Camera raw files: rawTrainSteps, the CFA planes being learned
 * one group at a time. Real SAR measured blind: speckleDefaults.blindSteps, files of a mixed folder sharing one
 * network.
 */
export function dataStepsOptions(
  options: TrainOptions,
  chosen: Partial<Pick<TrainOptions, 'steps' | 'evalEvery'>>,
  images: readonly LoadedImage[],
  fresh: boolean,
  note: (m: string) => void,
): TrainOptions {
  if (!fresh || chosen.steps !== undefined) return options;
  const raw = images.some((image) => image.source.format === 'dng');
  const more = raw
    ? { steps: rawTrainSteps, why: `camera raw: ${rawTrainSteps} steps, so that every CFA plane is learned` }
    : blindSpeckle(options.noise)
      ? {
          steps: speckleDefaults.blindSteps,
          why: `SAR speckle measured blind: ${speckleDefaults.blindSteps} steps, so that every file of the folder reaches its own looks' smoothing`,
        }
      : undefined;
  if (!more) return options;
  note(`${more.why} (--steps to change)`);
  return { ...options, steps: more.steps, evalEvery: chosen.evalEvery ?? evalEveryFor(more.steps) };
}
