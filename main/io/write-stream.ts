import { unlink } from 'node:fs/promises';
import type { ImageF32 } from '../engine/image';
import { publish, tempNameBeside } from './atomic-file';
import { copyMetadata } from './copy-metadata';
import { encodeStrips } from './encode-strips';
import { asFileError, FileError } from './file-error';
import { geoTagsFor } from './geo-tags';
import { interleaveSamples } from './interleave-samples';
import { outputTarget, pathForFormat } from './output-target';
import type { AlphaPlane, BitDepth, ImageFormat, SourceInfo } from './source-info';
import { StripTiffWriter } from './write-stream-tiff';
import type { WriteOptions, WriteResult } from './write-image';

/** An output written a band of rows at a time, top to bottom, named only once it is whole. */
export interface BandWriter {
  readonly format: ImageFormat;
  readonly bitDepth: BitDepth;
  /** The next rows, in the engine's units, with their alpha when the source had one. */
  writeRows(image: ImageF32, alpha?: AlphaPlane): Promise<void>;
  /** Encodes if needed, copies the metadata, and gives the file its name (numbered on a clash). */
  finish(): Promise<WriteResult>;
  /** Removes what was written. */
  abort(): Promise<void>;
}

interface Target {
  readonly final: string;
  readonly format: ImageFormat;
  readonly bitDepth: BitDepth;
  readonly keepAlpha: boolean;
  readonly notes: string[];
}

function targetOf(path: string, source: SourceInfo, hasAlpha: boolean, options: WriteOptions): Target {
  const { format, bitDepth, notes } = outputTarget(source, options);
  if (hasAlpha && format === 'jpeg') notes.push('alpha channel dropped: JPEG has none');
  const bands = source.channels + (hasAlpha && format !== 'jpeg' ? 1 : 0);
  if (bitDepth !== 32 && (bands < 1 || bands > 4)) throw new Error(`${bands} channels cannot be written as ${bitDepth}-bit ${format.toUpperCase()} (1 to 4 can)`);
  return { final: pathForFormat(path, format), format, bitDepth, keepAlpha: hasAlpha && format !== 'jpeg', notes };
}

async function finishFile(target: Target, strips: StripTiffWriter, temp: string, source: SourceInfo, options: WriteOptions): Promise<string> {
  await strips.finish();
  const { format, bitDepth } = target;
  if (bitDepth !== 32) {
    await encodeStrips(strips.file, temp, strips.layout.bands, { format, bitDepth, quality: options.quality, tiffCompression: options.tiffCompression, chromaSubsampling: source.chromaSubsampling });
    await unlink(strips.file);
  }
  if (options.metadata !== 'strip') target.notes.push(...(await copyMetadata(source, temp, bitDepth)));
  return publish(temp, target.final, options.overwrite ?? false);
}

/**
 * Opens an output that takes rows in order: the format and depth rules of writeImage, atomic, never over an
 * existing file unless `overwrite`. Float32 TIFF rows go straight into the temp file; 8 and 16-bit rows go into
 * an uncompressed TIFF beside it, encoded in one sequential libvips pass at the end.
 */
export async function openBandWriter(path: string, source: SourceInfo, hasAlpha: boolean, options: WriteOptions = {}): Promise<BandWriter> {
  try {
    const target = targetOf(path, source, hasAlpha, options);
    const { bitDepth } = target;
    const temp = tempNameBeside(target.final);
    const geoTags = bitDepth === 32 ? geoTagsFor(source.geoTags ?? [], source.noData, 32) : [];
    const layout = { width: source.width, height: source.height, bands: source.channels + (target.keepAlpha ? 1 : 0), hasAlpha: target.keepAlpha, bitDepth, geoTags };
    const strips = await StripTiffWriter.create(bitDepth === 32 ? temp : tempNameBeside(`${target.final}.strips`), layout);
    let clipped = 0;
    const remove = async (): Promise<void> => {
      await strips.abandon();
      await Promise.all([temp, strips.file].map((f) => unlink(f).catch(() => undefined)));
    };
    return {
      format: target.format, bitDepth,
      writeRows: async (image, alpha) => {
        const out = interleaveSamples(image, bitDepth, target.keepAlpha ? alpha : undefined);
        if (out.clipped > 0 && options.strictRange) throw new FileError(target.final, `${out.clipped} values were outside [0, 1] or NaN`);
        clipped += out.clipped;
        await strips.writeRows(out.samples);
      },
      finish: async () => {
        try {
          const written = await finishFile(target, strips, temp, source, options);
          if (clipped > 0) target.notes.push(clipNote(clipped, source, target));
          return { path: written, clipped, notes: target.notes };
        } catch (error) {
          await remove();
          throw asFileError(target.final, error);
        }
      },
      abort: remove,
    };
  } catch (error) {
    throw asFileError(path, error);
  }
}

function clipNote(clipped: number, source: SourceInfo, target: Target): string {
  const total = source.width * source.height * source.channels;
  const share = ((100 * clipped) / total).toPrecision(2);
  return `${clipped} of ${total} values (${share}%) were outside [0, 1] or NaN and were clipped to fit ${target.bitDepth}-bit ${target.format.toUpperCase()}`;
}
