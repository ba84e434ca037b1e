import { haarMadSigma } from './haar-mad';
import { highBandVariance } from './high-band';
import { immerkaerSigma } from './immerkaer';
import { patchSpectra } from './patch-spectra';
import type { Plane } from './plane';
import { mean } from './robust';
import { splitByTile, splitRelativeError } from './split-error';
import { weakTextureVariance } from './weak-texture';

export interface GaussianSigma {
  /** Per channel. */
  readonly sigmas: number[];
  /** sqrt(mean of the channel variances): the one sigma for all channels. */
  readonly sigma: number;
  readonly uncertainty: number;
  readonly haarMad: number;
  readonly immerkaer: number;
  readonly flat: boolean;
}

/** Gaussian sigma per channel by weak-texture patch PCA, with the Haar-MAD and Immerkaer cross-checks. */
export function gaussianSigma(planes: readonly Plane[], masks: readonly (Uint8Array | undefined)[]): GaussianSigma {
  const channels = planes.map((plane, c) => channelVariance(plane, masks[c]));
  const variance = mean(channels.map((ch) => ch.variance));
  const spread = Math.sqrt(channels.reduce((s, ch) => s + (ch.error * ch.variance) ** 2, 0)) / channels.length;
  return {
    sigmas: channels.map((ch) => Math.sqrt(ch.variance)),
    sigma: Math.sqrt(variance),
    uncertainty: spread / variance / 2,
    haarMad: Math.sqrt(mean(planes.map((p) => haarMadSigma(p) ** 2))),
    immerkaer: Math.sqrt(mean(planes.map((p) => immerkaerSigma(p) ** 2))),
    flat: channels.every((ch) => ch.flat),
  };
}

function channelVariance(plane: Plane, mask: Uint8Array | undefined) {
  const spectra = patchSpectra(plane, { mask });
  const found = weakTextureVariance(spectra);
  const parts = splitByTile(found.chosen, spectra.rows, spectra.cols).map((group) => highBandVariance(spectra, group));
  return { variance: found.variance, error: splitRelativeError(parts, found.variance), flat: found.flat };
}
