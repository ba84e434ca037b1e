import type { EstimateFamily } from '../../shared/estimate';
import type { Plane } from './plane';
import { mapPlane } from './plane';

/**
 * The channel with noise of about constant variance, so flat windows can be compared at any
 * brightness: as is for Gaussian noise, sqrt for Poisson (Anscombe), log for speckle (non-positive
 * values become NaN and their windows are skipped).
 */
export function correlationPlane(plane: Plane, family: EstimateFamily): Plane {
  switch (family) {
    case 'gaussian':
      return plane;
    case 'poisson':
      return mapPlane(plane, (v) => Math.sqrt(Math.max(v, 0)));
    case 'gamma':
      return mapPlane(plane, (v) => (v > 0 ? Math.log(v) : NaN));
  }
}
