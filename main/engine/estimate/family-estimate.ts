import type { EstimateFamily } from '../../shared/estimate';
import { gammaLooks } from './gamma-looks';
import { gaussianSigma } from './gaussian-sigma';
import type { BinVariance } from './line-fit';
import { poissonGain } from './poisson-gain';
import type { Plane } from './plane';

/** One image's parameter, whatever the family, in the shape the report needs. */
export interface FamilyEstimate {
  /** sigma, gain or looks. */
  readonly value: number;
  readonly channels: number[];
  readonly uncertainty: number;
  readonly flat: boolean;
  readonly crossChecks?: Record<string, number>;
  readonly affine?: { a: number; b: number };
  /** Binned noise variance against mean, when the estimator measured it. */
  readonly bins?: readonly BinVariance[];
  readonly looksLikeAmplitude?: boolean;
}

export function estimateFamily(
  family: EstimateFamily,
  planes: readonly Plane[],
  masks: readonly (Uint8Array | undefined)[],
  amplitude: boolean,
): FamilyEstimate {
  switch (family) {
    case 'gaussian': {
      const g = gaussianSigma(planes, masks);
      const crossChecks = { haarMad: g.haarMad, immerkaer: g.immerkaer };
      return { value: g.sigma, channels: g.sigmas, uncertainty: g.uncertainty, flat: g.flat, crossChecks };
    }
    case 'poisson': {
      const p = poissonGain(planes, masks);
      return {
        value: p.gain,
        channels: p.gains,
        uncertainty: p.uncertainty,
        flat: p.flat,
        affine: { a: p.a, b: p.b },
        bins: p.bins,
      };
    }
    case 'gamma': {
      const g = gammaLooks(planes, masks, amplitude);
      const crossChecks = { moments: g.moments, log: g.log };
      return {
        value: g.looks,
        channels: g.looksPerChannel,
        uncertainty: g.uncertainty,
        flat: g.flat,
        crossChecks,
        looksLikeAmplitude: g.looksLikeAmplitude,
      };
    }
  }
}
