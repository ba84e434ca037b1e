import { makeImage, type ImageF32 } from '../engine/image';
import type { ComplexLayout } from './complex-tiff';
import { decodeFloatTiff } from './decode-float-tiff';
import { rawColourOf } from './dng/raw-colour-tags';
import { decodeDng, dngNote, openDng } from './dng/read-dng';
import { decodeWithSharp } from './decode-with-sharp';
import { asFileError } from './file-error';
import { geoTagsOfFile, noDataOf } from './geo-tags';
import { DEFAULT_MAX_PIXELS, probeImage, type ImageProbe, type ReadOptions } from './probe-image';
import type { Decoded } from './split-alpha';
import type { SourceInfo } from './source-info';
import { readSlcIntensityRows, slcNote } from './whitened-slc';

export interface ReadResult {
  readonly image: ImageF32;
  readonly source: SourceInfo;
}

/** 8 and 16-bit GeoTIFFs (elevation, reflectance...) carry geo tags and no-data too. */
async function withGeoTags(probe: ImageProbe, decoded: Decoded): Promise<Decoded> {
  if (probe.format !== 'tiff') return decoded;
  const geoTags = await geoTagsOfFile(probe.file).catch((error: unknown) => {
    return { failed: `geo tags not read (${error instanceof Error ? error.message : String(error)})` };
  });
  if ('failed' in geoTags) return { ...decoded, notes: [...decoded.notes, geoTags.failed] };
  if (geoTags.length === 0) return decoded;
  const noData = noDataOf(geoTags);
  const scaled = noData === undefined ? {} : { noData: noData / (probe.bitDepth === 8 ? 255 : 65535) };
  return { ...decoded, geoTags, ...scaled };
}

async function readDngImage(file: string): Promise<Decoded> {
  const dng = await openDng(file);
  return { image: decodeDng(file, dng).image, notes: [dngNote(dng.raw)], rawColour: rawColourOf(dng.ifd0, dng.raw) };
}

async function readComplexImage(file: string, layout: ComplexLayout): Promise<Decoded> {
  const data = await readSlcIntensityRows(file, layout, 0, layout.height);
  const geoTags = await geoTagsOfFile(file);
  const noData = noDataOf(geoTags);
  return {
    image: makeImage(layout.height, layout.width, 1, data),
    notes: [await slcNote(file, layout)],
    ...(geoTags.length > 0 && { geoTags }),
    ...(noData !== undefined && { noData }),
  };
}

/**
 * Reads PNG, JPEG or TIFF (8/16-bit integer, 32-bit float) into the engine's units:
 * 8-bit / 255, 16-bit / 65535, float as is. The file is only opened for reading.
 */
export async function readImage(file: string, options: ReadOptions = {}): Promise<ReadResult> {
  try {
    const probe = await probeImage(file, options);
    const decoded =
      probe.format === 'dng'
        ? await readDngImage(file)
        : probe.complex
          ? await readComplexImage(file, probe.complex)
          : probe.bitDepth === 32
            ? await decodeFloatTiff(probe)
            : await withGeoTags(probe, await decodeWithSharp(probe, options.maxPixels ?? DEFAULT_MAX_PIXELS));
    const { image, alpha, notes, geoTags, noData, rawColour } = decoded;
    const source: SourceInfo = {
      file,
      format: probe.format,
      bitDepth: probe.bitDepth,
      width: image.width,
      height: image.height,
      channels: image.channels,
      ...(alpha && { alpha }),
      ...(probe.orientation !== undefined && { orientation: probe.orientation }),
      ...(probe.embedded.length > 0 && { embedded: probe.embedded }),
      ...(probe.chromaSubsampling !== undefined && { chromaSubsampling: probe.chromaSubsampling }),
      ...(geoTags && { geoTags }),
      ...(noData !== undefined && { noData }),
      ...(rawColour && { rawColour }),
      notes,
    };
    return { image, source };
  } catch (error) {
    throw asFileError(file, error);
  }
}
