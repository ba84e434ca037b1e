import type { NoiseSpec } from '../../shared/noise';
import { blindSpeckle } from './default-steps';

/**
 * Whether the model keeps its last step's weights rather than the best estimated PSNR's: as the user chose
 * (`--keep-last`), and otherwise for real SAR speckle measured blind. The estimated PSNR is the held-out plain MSE,
 * which the brightest pixels decide (a chip's targets are 100-1000x its clutter), while that speckle trains on errors
 * relative to the level (loss weighted by level^-2, resolve-noise.ts): on a mixed folder the best estimate fell on
 * early steps that had smoothed the dark chips far less (docs/quality.md, "The step kept").
 */
export function keepsLastStep(chosen: boolean | undefined, noise: NoiseSpec, note: (m: string) => void): boolean {
  if (chosen !== undefined) return chosen;
  if (!blindSpeckle(noise)) return false;
  note(
    "SAR speckle measured blind: the last step's weights are kept, not the best estimated PSNR's (a plain MSE that the brightest pixels decide, where this training weighs relative errors)",
  );
  return true;
}
