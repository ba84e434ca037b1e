import type { EstimateFamily, ImageChecks } from '../../shared/estimate';
import { noiseParameterName } from '../../shared/noise';
import type { Clipping } from './clipping';
import type { FamilyEstimate } from './family-estimate';

export interface WarningLimits {
  /** Lag-1 noise autocorrelation above which to warn (0.3). */
  readonly correlation: number;
  /** Fraction of values at an end of the range above which to warn (0.005). */
  readonly clipping: number;
}

const fmt = (v: number) => Number(v.toPrecision(3)).toString();
const percent = (v: number) => `${fmt(100 * v)}%`;

/** What to train with instead, for correlated noise: speckle and photos have different answers. */
function correlatedAdvice(family: EstimateFamily): string {
  if (family === 'gamma')
    return "train with the automatic noise model (no --noise), which trains such speckle (oversampled, resampled or multilooked data) on 2x2 sub-images with each file's own looks, or whiten complex (SLC) data by giving the complex TIFF.";
  return "train with the automatic noise model (no --noise) or --noise correlated, which recorrupts with the noise's own correlation.";
}

/** Plain sentences, each naming the image, for every check that failed. */
export function imageWarnings(
  name: string,
  family: EstimateFamily,
  found: FamilyEstimate,
  checks: ImageChecks,
  clip: Clipping,
  limits: WarningLimits,
): string[] {
  const param = noiseParameterName[family];
  const warnings: string[] = [];
  const { horizontal, vertical } = checks.correlation;
  if (Math.max(horizontal, vertical) > limits.correlation) {
    const texture = found.flat ? '' : ' (or fine texture everywhere: the image has few flat areas)';
    warnings.push(
      `${name}: the noise is spatially correlated${texture}: lag-1 autocorrelation ${fmt(horizontal)} along rows, ${fmt(vertical)} along columns (above ${limits.correlation}). This family assumes independent pixels and would learn to keep the correlated part: ${correlatedAdvice(family)}`,
    );
  }
  const low = family === 'poisson' ? 0 : clip.low; // zeros are counts in Poisson data, not clipping
  if (low > limits.clipping || clip.high > limits.clipping) {
    warnings.push(
      `${name}: clipped: ${percent(clip.low)} of values sit at the minimum ${fmt(clip.min)} and ${percent(clip.high)} at the maximum ${fmt(clip.max)}; clipping changes the noise law (those pixels were left out of the estimate).`,
    );
  }
  if (clip.negative > 0 && family !== 'gaussian') {
    const what =
      family === 'poisson'
        ? 'Poisson counts never are: read noise or an offset (see b)'
        : 'intensities never are: they were left out';
    warnings.push(`${name}: ${percent(clip.negative)} of values are negative, which ${what}.`);
  }
  if (!found.flat) {
    const way = family === 'gamma' ? 'low' : 'high';
    warnings.push(`${name}: few flat areas: texture inflates the noise it measures, so ${param} may be too ${way}.`);
  }
  const clipped = low > limits.clipping || clip.high > limits.clipping;
  warnings.push(...familyWarnings(name, family, found, checks, param, clipped));
  return warnings;
}

/** Lattice, amplitude (not on clipped data: clipping distorts the moments), family and channel warnings. */
function familyWarnings(
  name: string,
  family: EstimateFamily,
  found: FamilyEstimate,
  checks: ImageChecks,
  param: string,
  clipped: boolean,
): string[] {
  const warnings: string[] = [];
  if (checks.lattice && !checks.lattice.matchesGain) {
    const where = checks.lattice.step === null ? 'on no lattice' : `on a lattice of step ${fmt(checks.lattice.step)}`;
    warnings.push(
      `${name}: Poisson data off the gain lattice: values lie ${where}, not on multiples of the gain ${fmt(found.value)} (offset, read noise, rescaling or quantisation); GR2R's Poisson recorruption needs gain x whole counts.`,
    );
  }
  if (found.looksLikeAmplitude && !clipped) {
    warnings.push(
      `${name}: the statistics look like amplitude data (the square root of intensity): estimate again with --amplitude.`,
    );
  }
  if (checks.suggestedFamily && checks.suggestedFamily !== family) {
    warnings.push(
      `${name}: the noise variance grows like mean^${fmt(checks.varianceExponent ?? NaN)}, which suggests ${checks.suggestedFamily} noise rather than ${family}.`,
    );
  }
  const finite = found.channels.filter((v) => v > 0);
  if (finite.length > 1 && Math.max(...finite) > 1.25 * Math.min(...finite)) {
    warnings.push(
      `${name}: the channels disagree (${param} ${found.channels.map(fmt).join(', ')}); GR2R uses one value for all.`,
    );
  }
  return warnings;
}
