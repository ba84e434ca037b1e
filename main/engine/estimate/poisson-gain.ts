import type { BinVariance } from './line-fit';
import { patchSpectra } from './patch-spectra';
import type { Plane } from './plane';
import { mean } from './robust';
import { signalDependentVariance } from './signal-dependent';
import { splitRelativeError } from './split-error';

export interface PoissonGain {
  /** Per channel: slope of variance on mean through the origin. */
  readonly gains: number[];
  readonly gain: number;
  /** Poisson-Gaussian fit var = a * mean + b, averaged over channels. */
  readonly a: number;
  readonly b: number;
  readonly uncertainty: number;
  readonly flat: boolean;
  /** The first channel's binned noise variances, for the family check. */
  readonly bins: readonly BinVariance[];
}

/**
 * Poisson gain per channel: y = g Poisson(x / g) has variance g * mean, so g is the slope of the noise
 * variance on the mean over flat patches, through the origin; the free line gives (a, b).
 */
export function poissonGain(planes: readonly Plane[], masks: readonly (Uint8Array | undefined)[]): PoissonGain {
  const channels = planes.map((plane, c) => {
    const spectra = patchSpectra(plane, { mask: masks[c] });
    const pure = signalDependentVariance(spectra, true);
    const affine = signalDependentVariance(spectra, false, pure);
    const ratios = pure.bins.filter((bin) => bin.mean > 0).map((bin) => bin.variance / bin.mean);
    return { pure, affine, error: splitRelativeError(ratios, pure.a) };
  });
  const gain = mean(channels.map((ch) => ch.pure.a));
  return {
    gains: channels.map((ch) => ch.pure.a),
    gain,
    a: mean(channels.map((ch) => ch.affine.a)),
    b: mean(channels.map((ch) => ch.affine.b)),
    uncertainty: Math.sqrt(channels.reduce((s, ch) => s + (ch.error * ch.pure.a) ** 2, 0)) / channels.length / gain,
    flat: channels.every((ch) => ch.pure.flat),
    bins: channels[0].affine.bins,
  };
}
