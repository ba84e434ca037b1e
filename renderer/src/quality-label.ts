import type { NoiseChoice } from '../../main/shared/noise';

/** How the Train view states the result's quality: one headline and a line under it. */
export interface QualityText {
  readonly label: string;
  readonly value: string;
  readonly hint: string;
}

/**
 * Photos: the estimated PSNR as the gain over the noisy input ("+6.2 dB"), both estimated on the same held-out
 * noisy patches. SAR speckle (Gamma): a PSNR has no agreed peak, so the equivalent number of looks of the input
 * and the check analysts use, the ratio image noisy / denoised (mean 1, variance 1/L), written by the export.
 */
export function qualityText(
  noise: NoiseChoice | null,
  estPsnr: number | null,
  inputPsnr: number | null | undefined,
): QualityText {
  if (noise?.family === 'gamma') {
    return {
      label: 'Speckle (ENL)',
      value: `${noise.looks.toFixed(1)} looks`,
      hint: `Check the result with the ratio image in Compare: mean 1, variance 1/L = ${(1 / noise.looks).toFixed(3)}`,
    };
  }
  if (estPsnr === null)
    return {
      label: 'Estimated gain',
      value: '—',
      hint: 'From the noisy images alone (held-out ones where the dataset has 4 or more): no clean image needed',
    };
  if (inputPsnr === null || inputPsnr === undefined) {
    return {
      label: 'Estimated PSNR',
      value: `${estPsnr.toFixed(2)} dB`,
      hint: 'From the noisy images alone (held-out ones where the dataset has 4 or more): no clean image needed',
    };
  }
  const gain = estPsnr - inputPsnr;
  return {
    label: 'Estimated gain',
    value: `${gain >= 0 ? '+' : ''}${gain.toFixed(1)} dB`,
    hint: `${estPsnr.toFixed(2)} dB estimated, from ${inputPsnr.toFixed(2)} dB noisy; no clean image needed`,
  };
}
