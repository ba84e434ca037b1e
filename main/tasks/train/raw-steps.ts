import type { TrainOptions } from '../../engine/train/options';
import { evalEveryFor, rawTrainSteps } from '../../shared/defaults';
import type { LoadedImage } from '../dataset';

/**
 * Training options for camera raw files from random weights: rawTrainSteps, the CFA planes being learned one group
 * at a time, unless the user chose the steps (or resumes, or fine-tunes); said in a note.
 */
export function rawStepsOptions(
  options: TrainOptions,
  chosen: Partial<Pick<TrainOptions, 'steps' | 'evalEvery'>>,
  images: readonly LoadedImage[],
  fresh: boolean,
  note: (m: string) => void,
): TrainOptions {
  const raw = images.some((image) => image.source.format === 'dng');
  if (!raw || !fresh || chosen.steps !== undefined) return options;
  note(`camera raw: ${rawTrainSteps} steps, so that every CFA plane is learned (--steps to change)`);
  return { ...options, steps: rawTrainSteps, evalEvery: chosen.evalEvery ?? evalEveryFor(rawTrainSteps) };
}
