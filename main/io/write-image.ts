import type { ImageF32 } from '../engine/image';
import { writeFileAtomic, type AtomicWriteOptions } from './atomic-file';
import { copyMetadata } from './copy-metadata';
import { encodeDenoisedDng } from './dng/write-dng';
import { encodeFloatTiff } from './encode-float-tiff';
import { encodeWithSharp, type TiffCompression } from './encode-with-sharp';
import { asFileError, FileError } from './file-error';
import { geoTagsFor } from './geo-tags';
import { interleaveSamples, type Interleaved } from './interleave-samples';
import { outputTarget, pathForFormat, type OutputChoice } from './output-target';
import type { AlphaPlane, BitDepth, ImageFormat, SourceInfo } from './source-info';

export interface WriteOptions extends AtomicWriteOptions, OutputChoice {
  /** JPEG quality, 1-100 (default 95). */
  readonly quality?: number;
  readonly tiffCompression?: TiffCompression;
  /** Fail instead of clipping values an integer format cannot hold. */
  readonly strictRange?: boolean;
  /** Copy the source's EXIF, XMP, IPTC and ICC profile (default), or strip them for privacy. */
  readonly metadata?: 'keep' | 'strip';
}

export interface WriteResult {
  /**
   * The file written: `path`, its extension changed if it did not name the format written,
   * and numbered (`name-1.png`) if that name was taken.
   */
  readonly path: string;
  /** Values outside the integer format's range (or NaN), clipped to fit. */
  readonly clipped: number;
  readonly notes: readonly string[];
}

function keptAlpha(image: ImageF32, source: SourceInfo, format: ImageFormat, notes: string[]): AlphaPlane | undefined {
  if (!source.alpha) return undefined;
  if (format === 'jpeg') {
    notes.push('alpha channel dropped: JPEG has none');
    return undefined;
  }
  if (source.alpha.data.length !== image.width * image.height) {
    notes.push('alpha channel dropped: the image size changed');
    return undefined;
  }
  return source.alpha;
}

function clipNote(clipped: number, total: number, format: ImageFormat, bitDepth: BitDepth): string {
  const share = ((100 * clipped) / total).toPrecision(2);
  return `${clipped} of ${total} values (${share}%) were outside [0, 1] or NaN and were clipped to fit ${bitDepth}-bit ${format.toUpperCase()}`;
}

interface Target {
  readonly format: Exclude<ImageFormat, 'dng'>;
  readonly bitDepth: BitDepth;
}

async function encode(
  out: Interleaved,
  image: ImageF32,
  source: SourceInfo,
  target: Target,
  options: WriteOptions,
): Promise<Uint8Array[]> {
  const { width, height } = image;
  const { format, bitDepth } = target;
  if (bitDepth === 32) {
    const samples = out.samples as Float32Array;
    const geoTags = geoTagsFor(source.geoTags ?? [], source.noData, 32);
    return encodeFloatTiff(samples, { width, height, bands: out.bands, hasAlpha: out.bands > image.channels, geoTags });
  }
  if (out.bands < 1 || out.bands > 4)
    throw new Error(`${out.bands} channels cannot be written as ${bitDepth}-bit ${format.toUpperCase()} (1 to 4 can)`);
  const raw = { samples: out.samples as Uint8Array | Uint16Array, width, height, bands: out.bands as 1 | 2 | 3 | 4 };
  const { quality, tiffCompression } = options;
  return [
    await encodeWithSharp(raw, {
      format,
      bitDepth,
      quality,
      tiffCompression,
      chromaSubsampling: source.chromaSubsampling,
    }),
  ];
}

/** Raw data back into a copy of its DNG; EXIF (exposure, ISO, lens), which lives in its own directory, by exiftool. */
async function writeDng(
  path: string,
  image: ImageF32,
  source: SourceInfo,
  options: WriteOptions,
): Promise<WriteResult> {
  const { parts, clipped } = await encodeDenoisedDng(source.file, image);
  const notes = clipped > 0 ? [`${clipped} raw values fell outside 0..65535 and were clipped`] : [];
  if (clipped > 0 && options.strictRange) throw new FileError(path, notes[0]!);
  const copy =
    options.metadata === 'strip'
      ? undefined
      : async (temp: string): Promise<void> => {
          notes.push(...(await copyMetadata(source, temp, 16)));
        };
  const written = await writeFileAtomic(pathForFormat(path, 'dng'), parts, options, copy);
  return { path: written, clipped, notes };
}

/**
 * Writes an engine image in the input's format and depth (or those chosen), atomically,
 * never over an existing file unless `overwrite` is set.
 */
export async function writeImage(
  path: string,
  image: ImageF32,
  source: SourceInfo,
  options: WriteOptions = {},
): Promise<WriteResult> {
  try {
    const { format, bitDepth, notes } = outputTarget(source, options);
    if (format === 'dng') return await writeDng(path, image, source, options);
    const alpha = keptAlpha(image, source, format, notes);
    const out = interleaveSamples(image, bitDepth, alpha);
    if (out.clipped > 0) {
      const note = clipNote(out.clipped, image.data.length, format, bitDepth);
      if (options.strictRange) throw new FileError(path, note);
      notes.push(note);
    }
    const parts = await encode(out, image, source, { format, bitDepth }, options);
    const copy =
      options.metadata === 'strip'
        ? undefined
        : async (temp: string): Promise<void> => {
            notes.push(...(await copyMetadata(source, temp, bitDepth)));
          };
    const written = await writeFileAtomic(pathForFormat(path, format), parts, options, copy);
    return { path: written, clipped: out.clipped, notes };
  } catch (error) {
    throw asFileError(path, error);
  }
}
