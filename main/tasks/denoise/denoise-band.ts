import type { ImageF32 } from '../../engine/image';
import { makeImage } from '../../engine/image';
import type { AlphaPlane, BandReader } from '../../io';
import type { Band } from './band-plan';
import type { RatioImage } from './ratio-image';
import { blendAmount } from '../../engine/blend-amount';
import { DEFAULT_AMOUNT } from '../../shared/amount';
import { speckleDefaults } from '../../shared/defaults';
import { locallyCorrected } from '../../engine/sar/local-correction';
import { squareValues, toAmplitude, toDecibels } from '../sar-units';
import { fillInvalid, restoreInvalid, validityMask, type ValidityRule } from '../valid-pixels';

/** The model applied to one band's window (the engine's denoiseImage, or a stand-in in tests). */
export type BandDenoiser = (
  window: ImageF32,
  band: number,
  onTile: (done: number, total: number) => void,
) => Promise<ImageF32>;

/** How the pixels of a file map to what the model saw in training, and back. */
export interface SarOptions {
  /** The file holds amplitudes: squared to intensity for the model, written back as amplitudes. */
  readonly amplitude?: boolean;
  /** Write 10 log10(intensity) instead of the linear values (float32 TIFF). */
  readonly db?: boolean;
  /** Write the ratio image noisy / denoised beside the output. */
  readonly ratio?: boolean;
  /** Strength in percent (default 100), blended in the file's units before dB (blend-amount.ts). */
  readonly amount?: number;
  /**
   * Multiply the output by the local mean of the ratio image, so that the ratio's mean is 1; the output's mean falls
   * where the scene is textured (engine/sar/local-correction.ts). The band margins hold the window it needs.
   */
  readonly unitRatio?: boolean;
}

export interface BandOutput {
  readonly image: ImageF32;
  readonly alpha?: AlphaPlane;
  readonly ratio?: ImageF32;
  /** Values set to 0 (amplitude) or -Infinity (dB) because the denoised intensity was not positive. */
  readonly nonPositive: number;
}

function cropRows(image: ImageF32, top: number, rows: number): ImageF32 {
  const row = image.width * image.channels;
  return makeImage(rows, image.width, image.channels, image.data.slice(top * row, (top + rows) * row));
}

function cropAlpha(alpha: AlphaPlane | undefined, width: number, top: number, rows: number): AlphaPlane | undefined {
  return alpha && { data: alpha.data.subarray(top * width, (top + rows) * width), bitDepth: alpha.bitDepth };
}

async function denoiseWindow(
  window: ImageF32,
  valid: Uint8Array | undefined,
  band: Band,
  denoise: BandDenoiser,
  onTile: (done: number, total: number) => void,
): Promise<ImageF32> {
  if (valid && !fillInvalid(window, valid)) return window;
  return denoise(window, band.index, onTile);
}

/** The model's intensities back to the file's units, blended there with the file's values at the amount. */
function backToFileUnits(out: ImageF32, sar: SarOptions, fileValues: ImageF32 | undefined): number {
  if (!fileValues) {
    if (sar.db) return toDecibels(out.data);
    if (sar.amplitude) return toAmplitude(out.data);
    return 0;
  }
  const negative = sar.amplitude ? toAmplitude(out.data) : 0;
  blendAmount(fileValues, out, sar.amount ?? DEFAULT_AMOUNT);
  if (!sar.db) return negative;
  if (sar.amplitude) squareValues(out.data);
  return toDecibels(out.data);
}

/**
 * Reads a band with its margins, denoises the window, and keeps the band's own rows: amplitudes squared first
 * (and back after), no-data pixels filled for the network and then restored exactly as they were read.
 */
export async function denoiseBand(
  reader: BandReader,
  band: Band,
  rule: ValidityRule,
  sar: SarOptions,
  denoise: BandDenoiser,
  ratio: RatioImage | undefined,
  onTile: (done: number, total: number) => void,
): Promise<BandOutput> {
  const { image: window, alpha } = await reader.readRows(band.windowTop, band.windowRows);
  const offset = band.top - band.windowTop;
  const valid = validityMask(window, rule);
  const bandValid = valid?.subarray(offset * window.width, (offset + band.rows) * window.width);
  // Kept only to restore the pixels without data; without a mask, no copy.
  const original = bandValid && cropRows(window, offset, band.rows);
  // The file's own values, kept only when a strength below 100% blends them back in.
  const fileValues =
    (sar.amount ?? DEFAULT_AMOUNT) < 100 ? (original ?? cropRows(window, offset, band.rows)) : undefined;
  if (sar.amplitude) squareValues(window.data);
  const noisy = ratio ? cropRows(window, offset, band.rows) : undefined;
  const estimate = await denoiseWindow(window, valid, band, denoise, onTile);
  const denoised =
    sar.unitRatio && estimate.channels === 1
      ? locallyCorrected(window, estimate, 'ratio', speckleDefaults.unitRatioRadius)
      : estimate;
  const image = cropRows(denoised, offset, band.rows);
  const ratioBand = noisy && ratio?.add(noisy, image, bandValid);
  const nonPositive = backToFileUnits(image, sar, fileValues);
  if (bandValid && original) restoreInvalid(image, original, bandValid);
  return {
    image,
    alpha: cropAlpha(alpha, window.width, offset, band.rows),
    nonPositive,
    ...(ratioBand && { ratio: ratioBand }),
  };
}
