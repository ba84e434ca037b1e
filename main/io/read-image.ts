import type { ImageF32 } from '../engine/image';
import { decodeFloatTiff } from './decode-float-tiff';
import { decodeWithSharp } from './decode-with-sharp';
import { asFileError } from './file-error';
import { DEFAULT_MAX_PIXELS, probeImage, type ReadOptions } from './probe-image';
import type { SourceInfo } from './source-info';

export interface ReadResult {
  readonly image: ImageF32;
  readonly source: SourceInfo;
}

/**
 * Reads PNG, JPEG or TIFF (8/16-bit integer, 32-bit float) into the engine's units:
 * 8-bit / 255, 16-bit / 65535, float as is. The file is only opened for reading.
 */
export async function readImage(file: string, options: ReadOptions = {}): Promise<ReadResult> {
  try {
    const probe = await probeImage(file, options);
    const { image, alpha, notes, geoTags, noData } = probe.bitDepth === 32
      ? await decodeFloatTiff(probe)
      : await decodeWithSharp(probe, options.maxPixels ?? DEFAULT_MAX_PIXELS);
    const source: SourceInfo = {
      file, format: probe.format, bitDepth: probe.bitDepth,
      width: image.width, height: image.height, channels: image.channels,
      ...(alpha && { alpha }),
      ...(probe.orientation !== undefined && { orientation: probe.orientation }),
      ...(probe.embedded.length > 0 && { embedded: probe.embedded }),
      ...(probe.chromaSubsampling !== undefined && { chromaSubsampling: probe.chromaSubsampling }),
      ...(geoTags && { geoTags }),
      ...(noData !== undefined && { noData }),
      notes,
    };
    return { image, source };
  } catch (error) {
    throw asFileError(file, error);
  }
}
