import { basename, join } from 'node:path';
import type * as tfl from '@tensorflow/tfjs-layers';
import { overlapOf, type DenoiseOptions } from '../../engine/denoise';
import { denoiseImage } from '../../engine/denoise-image';
import { sizeMultiple } from '../../engine/nets/config';
import { Rng } from '../../engine/random/rng';
import type { WriteOptions } from '../../io';
import { probeImage } from '../../io';
import { geoTagsOfFile, noDataOf } from '../../io/geo-tags';
import type { ModelMeta } from '../../shared/model';
import { defaultGeometry, type BandGeometry } from './band-plan';
import type { BandDenoiser, SarOptions } from './denoise-band';
import { denoiseInBands, type LargeDenoiseResult } from './denoise-large';
import { fileNoiseSpec } from './file-looks';

/** When and how images are denoised band by band. */
export interface BandChoice {
  /** Images with more pixels than this go band by band (default 16 megapixels). */
  readonly threshold?: number;
  /** Band geometry; defaults follow the tile size. */
  readonly rows?: number;
  readonly margin?: number;
}

export const BAND_THRESHOLD_PIXELS = 16_000_000;
const BAND_KEY = 0x62616e64;

/**
 * The band path takes big images, and every file whose pixels need care the whole-image path does not give:
 * amplitude, dB or ratio asked for, a speckle model (zero borders), or a TIFF that declares no-data.
 */
export async function wantsBands(
  file: string,
  meta: ModelMeta,
  sar: SarOptions,
  choice: BandChoice = {},
): Promise<boolean> {
  const probe = await probeImage(file);
  // A raw image is rewritten into a copy of its DNG in one piece (6 MP of planes for a 24 MP sensor).
  if (probe.format === 'dng') return false;
  if (sar.amplitude || sar.db || sar.ratio || sar.unitRatio || meta.noise.family === 'gamma') return true;
  if (probe.width * probe.height > (choice.threshold ?? BAND_THRESHOLD_PIXELS)) return true;
  if (probe.format !== 'tiff') return false;
  return noDataOf(await geoTagsOfFile(file).catch(() => [])) !== undefined;
}

function geometryOf(meta: ModelMeta, options: DenoiseOptions, choice: BandChoice, width: number): BandGeometry {
  const geometry = defaultGeometry(options.tile, overlapOf(meta, options), sizeMultiple(meta.net), width);
  return { rows: choice.rows ?? geometry.rows, margin: choice.margin ?? geometry.margin };
}

export interface BandFileInput {
  readonly file: string;
  readonly outputDir: string;
  readonly sar: SarOptions;
  readonly choice?: BandChoice;
  readonly write?: WriteOptions;
  readonly signal?: AbortSignal;
  readonly onFraction?: (fraction: number) => void;
}

/** Denoises one file band by band with the engine's tiled Monte Carlo denoiser, each band with its own noise. */
export async function denoiseFileInBands(
  net: tfl.LayersModel,
  model: ModelMeta,
  options: DenoiseOptions,
  input: BandFileInput,
): Promise<LargeDenoiseResult> {
  // Speckle looks estimated per image (and the scale): this file's own, from a central crop, for every band.
  const own = await fileNoiseSpec(input.file, model.noise, input.sar.amplitude ?? false, model.scaleByImage);
  const meta = { ...model, noise: own.spec, ...(own.scale && { scale: model.scale * own.scale }) };
  const denoise: BandDenoiser = (window, band, onTile) =>
    denoiseImage(net, meta, window, { ...options, seed: Rng.derive(options.seed, BAND_KEY, band).seed(), onTile });
  const result = await denoiseInBands({
    file: input.file,
    output: join(input.outputDir, basename(input.file)),
    denoise,
    geometry: geometryOf(meta, options, input.choice ?? {}, (await probeImage(input.file)).width),
    positiveOnly: meta.noise.family === 'gamma',
    sar: input.sar,
    write: input.write,
    tempDir: input.outputDir,
    signal: input.signal,
    onFraction: input.onFraction,
  });
  return own.note ? { ...result, notes: [...result.notes, own.note] } : result;
}
