import type { EstimateFamily } from '../../main/shared/estimate';
import type { FamilyChoice, NoiseChoice, NoiseSpec } from '../../main/shared/noise';
import { profileSigma } from '../../main/shared/noise';
import { formatNumber } from './format';

export interface ParameterInfo {
  readonly key: string;
  readonly symbol: string;
  readonly label: string;
  readonly step: number;
  readonly min: number;
  readonly integer: boolean;
}

export interface FamilyInfo {
  readonly label: string;
  readonly describe: string;
  readonly parameters: readonly ParameterInfo[];
  /** The blind estimator that measures this family's parameters, if any. */
  readonly estimateAs: EstimateFamily | null;
}

const p = (key: string, symbol: string, label: string, step: number, min = 0, integer = false): ParameterInfo => ({
  key,
  symbol,
  label,
  step,
  min,
  integer,
});

/** How each noise family is explained to the user; parameters are in the units of the image data. */
export const familyInfo: Readonly<Record<FamilyChoice, FamilyInfo>> = {
  auto: {
    label: 'Automatic (recommended)',
    estimateAs: null,
    parameters: [],
    describe:
      'Chosen from your files when training starts: camera raw gets shot + read noise, float SAR data speckle, and photos, scans and JPEGs correlated noise with a level by brightness, measured image by image. The training log says what was chosen and why.',
  },
  gaussian: {
    label: 'Gaussian',
    estimateAs: 'gaussian',
    parameters: [p('sigma', 'σ', 'standard deviation', 0.001)],
    describe:
      'Additive noise of constant strength: sensor read noise, most photos after processing. σ is in image units (8 and 16-bit images run 0 to 1).',
  },
  poisson: {
    label: 'Poisson',
    estimateAs: 'poisson',
    parameters: [p('gain', 'g', 'gain', 0.001)],
    describe:
      'Photon (shot) noise: the variance grows with brightness, var = g·x. Low-light photos, fluorescence microscopy, X-ray.',
  },
  poissongaussian: {
    label: 'Poisson-Gaussian',
    estimateAs: 'poisson',
    parameters: [p('a', 'a', 'gain', 0.001), p('b', 'b', 'read-noise variance', 0.00001)],
    describe: 'Shot noise plus read noise, var = a·x + b: raw camera data (the profile darktable calls a and b).',
  },
  gamma: {
    label: 'Gamma (speckle)',
    estimateAs: 'gamma',
    parameters: [p('looks', 'L', 'looks', 0.1)],
    describe: 'Multiplicative speckle of SAR intensity with L looks (the equivalent number of looks, ENL).',
  },
  binomial: {
    label: 'Binomial',
    estimateAs: null,
    parameters: [p('trials', 'n', 'trials', 1, 2, true)],
    describe: 'Counts out of n trials, shown as a fraction: photon counting with a known number of exposures.',
  },
  correlated: {
    label: 'Correlated (real photos)',
    estimateAs: null,
    parameters: [],
    describe:
      'Noise as camera pipelines leave it: correlated between neighbouring pixels and colours by demosaicking, noise reduction and JPEG, its level depending on brightness. Measured blind, per image.',
  },
  lograyleigh: {
    label: 'Log-Rayleigh',
    estimateAs: null,
    parameters: [p('scale', 'c', 'scale', 0.01)],
    describe: 'Additive noise of log-amplitude SAR images (single look), with scale c.',
  },
};

export function specValues(spec: NoiseSpec): Record<string, number> {
  if (spec.family === 'correlated') return {};
  const { family: _family, ...values } = spec;
  return values as Record<string, number>;
}

/** "Gaussian σ 0.1", "Poisson-Gaussian a 0.01, b 0.0001"; "Automatic" while still to be measured. */
export function describeSpec(choice: NoiseChoice, digits = 3): string {
  const info = familyInfo[choice.family];
  if (!('profile' in choice) && (choice.family === 'auto' || choice.family === 'correlated'))
    return `${info.label.replace(' (recommended)', '')}, measured per image`;
  const spec = choice as NoiseSpec;
  // Measured per image, the stored profile is only the fallback for images too flat to measure: its σ is no one's.
  if (spec.family === 'correlated')
    return spec.perImage
      ? `${info.label}, measured per image`
      : `${info.label}, σ ${formatNumber(profileSigma(spec.profile), digits)}`;
  const values = specValues(spec);
  return `${info.label} ${info.parameters.map((q) => `${q.symbol} ${formatNumber(values[q.key], digits)}`).join(', ')}`;
}
