import type { EstimateFamily, ImageChecks } from '../../shared/estimate';
import type { ImageF32 } from '../image';
import type { Clipping } from './clipping';
import type { FamilyEstimate } from './family-estimate';
import { familyForExponent, varianceExponent } from './family-suggestion';
import { latticeStep } from './lattice';
import { noiseCorrelation } from './noise-correlation';
import { patchSpectra } from './patch-spectra';
import type { Plane } from './plane';
import { signalDependentVariance } from './signal-dependent';

/** A lattice step within this fraction of the variance-based gain is taken to be the gain. */
export const latticeTolerance = 0.15;

/** The checks of issue 3 on one image: correlation, clipping, lattice (Poisson), variance growth. */
export function imageChecks(
  image: ImageF32,
  planes: readonly Plane[],
  mask: Uint8Array | undefined,
  family: EstimateFamily,
  found: FamilyEstimate,
  clip: Clipping,
): ImageChecks {
  const bins = found.bins ?? signalDependentVariance(patchSpectra(planes[0], { mask }), false).bins;
  const exponent = varianceExponent(bins);
  const checks: ImageChecks = {
    correlation: noiseCorrelation(planes[0], family),
    clipped: { low: clip.low, high: clip.high },
    varianceExponent: exponent,
    suggestedFamily: familyForExponent(exponent),
  };
  if (family !== 'poisson') return checks;
  const step = latticeStep(image.data);
  const matchesGain = step !== null && Math.abs(step / found.value - 1) <= latticeTolerance;
  return { ...checks, lattice: { step, matchesGain } };
}
