import type { EstimateFamily } from '../../shared/estimate';
import { rowCorrelation } from './correlation';
import type { Plane } from './plane';
import { correlationPlane } from './stabilise';

/** Lag-1 noise autocorrelation along rows and along columns, on a variance-stabilised channel. */
export function noiseCorrelation(plane: Plane, family: EstimateFamily): { horizontal: number; vertical: number } {
  const stable = correlationPlane(plane, family);
  return { horizontal: rowCorrelation(stable), vertical: rowCorrelation(transpose(stable)) };
}

function transpose(plane: Plane): Plane {
  const { height, width } = plane;
  const data = new Float64Array(height * width);
  for (let i = 0; i < height; i++) for (let j = 0; j < width; j++) data[j * height + i] = plane.data[i * width + j];
  return { data, height: width, width: height };
}
