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
  readonly format: Exclude<ImageFormat, 'dng'>;
  readonly bitDepth: BitDepth;
  readonly keepAlpha: boolean;
  readonly notes: string[];
}

function targetOf(path: string, source: SourceInfo, hasAlpha: boolean, options: WriteOptions): Target {
  const { format, bitDepth, notes } = outputTarget(source, options);
  if (format === 'dng') throw new Error('camera raw data is written in one piece, not in bands');
  if (hasAlpha && format === 'jpeg') notes.push('alpha channel dropped: JPEG has none');
  const bands = source.channels + (hasAlpha && format !== 'jpeg' ? 1 : 0);
  if (bitDepth !== 32 && (bands < 1 || bands > 4))
    throw new Error(`${bands} channels cannot be written as ${bitDepth}-bit ${format.toUpperCase()} (1 to 4 can)`);
  return { final: pathForFormat(path, format), format, bitDepth, keepAlpha: hasAlpha && format !== 'jpeg', notes };
}

async function finishFile(
  target: Target,
  strips: StripTiffWriter,
  temp: string,
  source: SourceInfo,
  options: WriteOptions,
): Promise<string> {
  await strips.finish();
  const { format, bitDepth } = target;
  if (bitDepth !== 32) {
    await encodeStrips(strips.file, temp, strips.layout.bands, {
      format,
      bitDepth,
      quality: options.quality,
      tiffCompression: options.tiffCompression,
      chromaSubsampling: source.chromaSubsampling,
    });
    await unlink(strips.file);
  }
  if (options.metadata !== 'strip') target.notes.push(...(await copyMetadata(source, temp, bitDepth)));
  return publish(temp, target.final, options.overwrite ?? false);
}

/** The rows go into a strip TIFF: the output itself (float32), or an uncompressed copy re-encoded at the end. */
class StreamedOutput implements BandWriter {
  private clipped = 0;

  constructor(
    private readonly target: Target,
    private readonly strips: StripTiffWriter,
    private readonly temp: string,
    private readonly source: SourceInfo,
    private readonly options: WriteOptions,
  ) {}

  get format(): ImageFormat {
    return this.target.format;
  }

  get bitDepth(): BitDepth {
    return this.target.bitDepth;
  }

  async writeRows(image: ImageF32, alpha?: AlphaPlane): Promise<void> {
    const out = interleaveSamples(image, this.bitDepth, this.target.keepAlpha ? alpha : undefined);
    if (out.clipped > 0 && this.options.strictRange)
      throw new FileError(this.target.final, `${out.clipped} values were outside [0, 1] or NaN`);
    this.clipped += out.clipped;
    await this.strips.writeRows(out.samples);
  }

  async finish(): Promise<WriteResult> {
    try {
      const written = await finishFile(this.target, this.strips, this.temp, this.source, this.options);
      if (this.clipped > 0) this.target.notes.push(clipNote(this.clipped, this.source, this.target));
      return { path: written, clipped: this.clipped, notes: this.target.notes };
    } catch (error) {
      await this.abort();
      throw asFileError(this.target.final, error);
    }
  }

  async abort(): Promise<void> {
    await this.strips.abandon();
    await Promise.all([this.temp, this.strips.file].map((f) => unlink(f).catch(() => undefined)));
  }
}

/**
 * Opens an output that takes rows in order: the format and depth rules of writeImage, atomic, never over an
 * existing file unless `overwrite`. Float32 TIFF rows go straight into the temp file; 8 and 16-bit rows go into
 * an uncompressed TIFF beside it, encoded in one sequential libvips pass at the end.
 */
export async function openBandWriter(
  path: string,
  source: SourceInfo,
  hasAlpha: boolean,
  options: WriteOptions = {},
): Promise<BandWriter> {
  try {
    const target = targetOf(path, source, hasAlpha, options);
    const { bitDepth, keepAlpha } = target;
    const temp = tempNameBeside(target.final);
    const geoTags = bitDepth === 32 ? geoTagsFor(source.geoTags ?? [], source.noData, 32) : [];
    const layout = {
      width: source.width,
      height: source.height,
      bands: source.channels + (keepAlpha ? 1 : 0),
      hasAlpha: keepAlpha,
      bitDepth,
      geoTags,
    };
    const strips = await StripTiffWriter.create(
      bitDepth === 32 ? temp : tempNameBeside(`${target.final}.strips`),
      layout,
    );
    return new StreamedOutput(target, strips, temp, source, options);
  } catch (error) {
    throw asFileError(path, error);
  }
}

function clipNote(clipped: number, source: SourceInfo, target: Target): string {
  const total = source.width * source.height * source.channels;
  const share = ((100 * clipped) / total).toPrecision(2);
  return `${clipped} of ${total} values (${share}%) were outside [0, 1] or NaN and were clipped to fit ${target.bitDepth}-bit ${target.format.toUpperCase()}`;
}
