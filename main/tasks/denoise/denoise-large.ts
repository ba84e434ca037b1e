import { join, parse } from 'node:path';
import type { BandReader, BandWriter, SourceInfo, WriteOptions, WriteResult } from '../../io';
import { openBandReader, openBandWriter } from '../../io';
import type { Band, BandGeometry } from './band-plan';
import { planBands } from './band-plan';
import { denoiseBand, type BandDenoiser, type SarOptions } from './denoise-band';
import { RatioImage, type RatioSummary } from './ratio-image';
import type { ValidityRule } from '../valid-pixels';

export interface LargeDenoiseInput {
  readonly file: string;
  /** Where the output goes (its extension follows the format written; numbered on a clash). */
  readonly output: string;
  readonly denoise: BandDenoiser;
  readonly geometry: BandGeometry;
  /** Speckle (Gamma) models: zeros and below are no data (the zero borders of a SAR scene). */
  readonly positiveOnly: boolean;
  readonly sar?: SarOptions;
  readonly write?: WriteOptions;
  /** Folder for the decoded copy of a PNG, JPEG or integer TIFF (the output folder, so leftovers are found). */
  readonly tempDir?: string;
  readonly maxPixels?: number;
  readonly signal?: AbortSignal;
  readonly onFraction?: (fraction: number) => void;
}

export interface LargeDenoiseResult {
  readonly output: string;
  readonly notes: readonly string[];
  readonly ratio?: RatioSummary & { readonly file: string };
}

interface Outputs {
  readonly main: BandWriter;
  readonly ratio?: { readonly writer: BandWriter; readonly image: RatioImage };
}

function ruleOf(source: SourceInfo, positiveOnly: boolean): ValidityRule {
  const tolerance = source.bitDepth === 32 ? 0 : 0.5 / (source.bitDepth === 8 ? 255 : 65535);
  return { tolerance, positiveOnly, ...(source.noData !== undefined && { noData: source.noData }) };
}

async function openOutputs(source: SourceInfo, hasAlpha: boolean, input: LargeDenoiseInput): Promise<Outputs> {
  const float = { format: 'tiff', bitDepth: 32 } as const;
  const main = await openBandWriter(input.output, source, hasAlpha, { ...input.write, ...(input.sar?.db && float) });
  if (!input.sar?.ratio) return { main };
  const { dir, name } = parse(input.output);
  // NaN marks the ratio's pixels without data; a declared no-data value says so too.
  const ratioSource = { ...source, embedded: undefined, ...(source.noData !== undefined && { noData: NaN }) };
  try {
    const writer = await openBandWriter(join(dir, `${name}.ratio.tif`), ratioSource, false, {
      ...float,
      metadata: 'strip',
      overwrite: input.write?.overwrite,
    });
    return { main, ratio: { writer, image: new RatioImage() } };
  } catch (error) {
    await main.abort();
    throw error;
  }
}

/**
 * A reader that starts reading the next band's window as soon as one is handed out, so decoding overlaps the
 * network's work on the band before (one window more in memory).
 */
function prefetching(reader: BandReader, bands: readonly Band[]): BandReader {
  let ahead: { band: Band; read: ReturnType<BandReader['readRows']> } | undefined;
  const readRows = (top: number, rows: number) => {
    const hit =
      ahead && ahead.band.windowTop === top && ahead.band.windowRows === rows ? ahead.read : reader.readRows(top, rows);
    const band = bands[bands.findIndex((b) => b.windowTop === top && b.windowRows === rows) + 1];
    ahead = undefined;
    if (band) {
      // One read at a time: the next starts when this one is done.
      const read = hit.then(() => reader.readRows(band.windowTop, band.windowRows));
      read.catch(() => undefined); // awaited when used; a failure surfaces then, never as an unhandled rejection
      ahead = { band, read };
    }
    return hit;
  };
  return { source: reader.source, hasAlpha: reader.hasAlpha, readRows, close: () => reader.close() };
}

async function runBands(reader: BandReader, outputs: Outputs, input: LargeDenoiseInput): Promise<number> {
  const bands = planBands(reader.source.height, input.geometry);
  const rule = ruleOf(reader.source, input.positiveOnly);
  const source = prefetching(reader, bands);
  let nonPositive = 0;
  // A band's rows are written while the next band is denoised; each write waits for the one before (rows in order).
  let writing: Promise<void> = Promise.resolve();
  for (const band of bands) {
    if (input.signal?.aborted) throw new Error('cancelled');
    const onTile = (done: number, total: number) => input.onFraction?.((band.index + done / total) / bands.length);
    const out = await denoiseBand(source, band, rule, input.sar ?? {}, input.denoise, outputs.ratio?.image, onTile);
    const before = writing;
    writing = (async () => {
      await before;
      await outputs.main.writeRows(out.image, out.alpha);
      if (out.ratio) await outputs.ratio?.writer.writeRows(out.ratio);
    })();
    writing.catch(() => undefined); // awaited below or before the next write
    nonPositive += out.nonPositive;
  }
  await writing;
  return nonPositive;
}

function unitNotes(sar: SarOptions, nonPositive: number): string[] {
  const notes: string[] = [];
  if (sar.amplitude)
    notes.push(`amplitude squared to intensity for the model${sar.db ? '' : ', written back as amplitude'}`);
  if (sar.db) notes.push('written in dB: 10 log10(intensity)');
  if (nonPositive > 0)
    notes.push(`${nonPositive} denoised intensities were not positive: written as ${sar.db ? '-Infinity dB' : '0'}`);
  return notes;
}

async function finishOutputs(
  outputs: Outputs,
): Promise<{ main: WriteResult; ratio?: RatioSummary & { readonly file: string } }> {
  let main: WriteResult;
  try {
    main = await outputs.main.finish();
  } catch (error) {
    await outputs.ratio?.writer.abort();
    throw error;
  }
  if (!outputs.ratio) return { main };
  const ratioFile = await outputs.ratio.writer.finish();
  return { main, ratio: { file: ratioFile.path, ...outputs.ratio.image.summary() } };
}

/**
 * Denoises one file a band of rows at a time, reading and writing as it goes, so memory is bounded by a band
 * (the width times a few hundred rows), whatever the height. Same output rules as the whole-image path.
 */
export async function denoiseInBands(input: LargeDenoiseInput): Promise<LargeDenoiseResult> {
  const reader = await openBandReader(input.file, { tempDir: input.tempDir, maxPixels: input.maxPixels });
  try {
    const outputs = await openOutputs(reader.source, reader.hasAlpha, input);
    let nonPositive: number;
    try {
      nonPositive = await runBands(reader, outputs, input);
    } catch (error) {
      await Promise.all([outputs.main.abort(), outputs.ratio?.writer.abort()]);
      throw error;
    }
    const { main, ratio } = await finishOutputs(outputs);
    const notes = [...reader.source.notes, ...main.notes, ...unitNotes(input.sar ?? {}, nonPositive)];
    return { output: main.path, notes, ...(ratio && { ratio }) };
  } finally {
    await reader.close();
  }
}
