import { homogeneousLooks } from './homogeneous-looks';
import type { Plane } from './plane';
import { mapPlane } from './plane';
import { mean } from './robust';
import { splitRelativeError } from './split-error';

export interface GammaLooks {
  /** Per channel. */
  readonly looksPerChannel: number[];
  /** 1 / mean(1 / L): the looks of the channels' average squared coefficient of variation. */
  readonly looks: number;
  readonly uncertainty: number;
  readonly moments: number;
  readonly log: number;
  readonly flat: boolean;
  /** Intensity statistics disagree the way amplitude data make them disagree, and squaring mends it. */
  readonly looksLikeAmplitude: boolean;
}

/** Gamma looks per channel (speckle, y ~ Gamma(L, mean x)); amplitude data are squared first. */
export function gammaLooks(
  planes: readonly Plane[],
  masks: readonly (Uint8Array | undefined)[],
  amplitude: boolean,
): GammaLooks {
  const intensities = amplitude ? planes.map((p) => mapPlane(p, (v) => v * v)) : planes;
  const channels = intensities.map((plane, c) => homogeneousLooks(plane, masks[c]));
  const harmonic = (values: number[]) => 1 / mean(values.map((v) => 1 / v));
  const looks = harmonic(channels.map((ch) => ch.looks.ml));
  const errors = channels.map((ch) => splitRelativeError(ch.parts, ch.looks.ml));
  return {
    looksPerChannel: channels.map((ch) => ch.looks.ml),
    looks,
    uncertainty: Math.sqrt(errors.reduce((s, e) => s + e * e, 0)) / channels.length,
    moments: harmonic(channels.map((ch) => ch.looks.moments)),
    log: harmonic(channels.map((ch) => ch.looks.log)),
    flat: channels.every((ch) => ch.flat),
    looksLikeAmplitude:
      !amplitude &&
      amplitudeLike(
        channels[0].looks,
        () =>
          homogeneousLooks(
            mapPlane(planes[0], (v) => v * v),
            masks[0],
          ).looks,
      ),
  };
}

/**
 * Amplitude (square root of a Gamma intensity) read as intensity: the moment estimate of L exceeds
 * the maximum-likelihood one (by 27% for single-look data), and squaring the data removes the gap.
 */
function amplitudeLike(asIs: { ml: number; moments: number }, squared: () => { ml: number; moments: number }): boolean {
  const gap = asIs.moments / asIs.ml - 1;
  if (!(gap > 0.1)) return false;
  const after = squared();
  return Math.abs(after.moments / after.ml - 1) < gap / 2;
}
