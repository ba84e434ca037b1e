import { makeImage } from '../engine/image';
import { asFloat32 } from './float-samples';
import { asFileError, FileError } from './file-error';
import { closeRaster, openRaster, type OpenRaster, type RasterOptions } from './open-raster';
import { probeImage, type ImageProbe, type ReadOptions } from './probe-image';
import type { SourceInfo } from './source-info';
import { readSlcIntensityRows } from './whitened-slc';
import { splitAlpha, type SplitPixels } from './split-alpha';

export interface BandReadOptions extends ReadOptions, RasterOptions {}

/** An image opened to be read a band of rows at a time, so that no more than a band is ever decoded in memory. */
export interface BandReader {
  /** What readImage would report, except the alpha plane, which comes with each band. */
  readonly source: SourceInfo;
  readonly hasAlpha: boolean;
  /** Rows [top, top + rows), in the engine's units (as readImage), alpha kept aside. */
  readRows(top: number, rows: number): Promise<SplitPixels>;
  close(): Promise<void>;
}

function sourceInfo(probe: ImageProbe, raster: OpenRaster): SourceInfo {
  return {
    file: probe.file,
    format: probe.format,
    bitDepth: probe.bitDepth,
    width: probe.width,
    height: probe.height,
    channels: probe.channels,
    ...(probe.orientation !== undefined && { orientation: probe.orientation }),
    ...(probe.embedded.length > 0 && { embedded: probe.embedded }),
    ...(probe.chromaSubsampling !== undefined && { chromaSubsampling: probe.chromaSubsampling }),
    ...(raster.geoTags.length > 0 && { geoTags: raster.geoTags }),
    ...(raster.noData !== undefined && { noData: raster.noData }),
    notes: raster.notes,
  };
}

async function readWindow(probe: ImageProbe, raster: OpenRaster, top: number, rows: number): Promise<SplitPixels> {
  if (!(top >= 0 && rows > 0 && top + rows <= probe.height)) {
    throw new Error(`rows ${top} to ${top + rows} are outside the image (0 to ${probe.height})`);
  }
  if (probe.complex)
    return { image: makeImage(rows, probe.width, 1, await readSlcIntensityRows(probe.file, probe.complex, top, rows)) };
  const read = await raster.image.readRasters({ window: [0, top, probe.width, top + rows], interleave: true });
  const samples = probe.converted ? asFloat32(read as ArrayLike<number>) : read;
  const expected = probe.bitDepth === 32 ? Float32Array : probe.bitDepth === 16 ? Uint16Array : Uint8Array;
  if (!(samples instanceof expected))
    throw new FileError(probe.file, `the ${probe.bitDepth}-bit image decoded to an unexpected type`);
  // Float samples without alpha are the engine's image already: no copy.
  if (samples instanceof Float32Array && !probe.hasAlpha)
    return { image: makeImage(rows, probe.width, probe.channels, samples) };
  const bands = probe.channels + (probe.hasAlpha ? 1 : 0);
  return splitAlpha(samples, rows, probe.width, bands, probe.hasAlpha, probe.bitDepth);
}

/**
 * Opens PNG, JPEG or TIFF (8/16-bit integer, 32-bit float) for reading by bands of rows. A float TIFF is read
 * in place, only the strips or tiles a band needs; other files are first decoded, one sequential pass, into an
 * uncompressed copy in `tempDir` that close() removes.
 */
export async function openBandReader(file: string, options: BandReadOptions = {}): Promise<BandReader> {
  try {
    const probe = await probeImage(file, options);
    const raster = await openRaster(probe, options);
    return {
      source: sourceInfo(probe, raster),
      hasAlpha: probe.hasAlpha,
      readRows: async (top, rows) => {
        try {
          return await readWindow(probe, raster, top, rows);
        } catch (error) {
          throw asFileError(file, error);
        }
      },
      close: () => closeRaster(raster),
    };
  } catch (error) {
    throw asFileError(file, error);
  }
}
