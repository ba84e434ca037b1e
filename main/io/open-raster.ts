import { unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromFile, type GeoTIFF, type GeoTIFFImage } from 'geotiff';
import { tempNameBeside } from './atomic-file';
import { checkBands, convertedNote } from './float-samples';
import { decodeToStrips } from './decode-to-strips';
import { readingNotes } from './decode-with-sharp';
import { FileError } from './file-error';
import { geoTagsOfFile, noDataOf, readGeoTags } from './geo-tags';
import { DEFAULT_MAX_PIXELS, type ImageProbe } from './probe-image';
import type { GeoTag } from './source-info';
import { slcNote } from './whitened-slc';

/** A TIFF that windows can be read from: the source itself (float), or a decoded copy of it. */
export interface OpenRaster {
  readonly tiff: GeoTIFF;
  readonly image: GeoTIFFImage;
  readonly geoTags: readonly GeoTag[];
  /** In engine units. */
  readonly noData?: number;
  readonly notes: readonly string[];
  /** The decoded copy, removed on close. */
  readonly temp?: string;
}

export interface RasterOptions {
  readonly maxPixels?: number;
  /** Folder for the decoded copy of a PNG, JPEG or integer TIFF (default: the system's temp folder). */
  readonly tempDir?: string;
}

async function openFloat(probe: ImageProbe): Promise<OpenRaster> {
  const tiff = await fromFile(probe.file);
  try {
    const image = await tiff.getImage(0);
    if (!probe.complex) checkBands(image, probe.file, probe.converted !== undefined);
    const geoTags = await readGeoTags(image);
    const noData = noDataOf(geoTags);
    const notes = probe.complex
      ? [await slcNote(probe.file, probe.complex)]
      : probe.converted
        ? [convertedNote(probe.converted)]
        : probe.pages > 1
          ? [`only the first of ${probe.pages} pages was read`]
          : [];
    return { tiff, image, geoTags, notes, ...(noData !== undefined && { noData }) };
  } catch (error) {
    await tiff.close();
    throw error;
  }
}

/** 8 and 16-bit GeoTIFFs carry geo tags and no-data too (no-data rescaled to engine units). */
async function integerGeoTags(probe: ImageProbe): Promise<{ geoTags: GeoTag[]; noData?: number; notes: string[] }> {
  if (probe.format !== 'tiff') return { geoTags: [], notes: [] };
  try {
    const geoTags = await geoTagsOfFile(probe.file);
    const noData = noDataOf(geoTags);
    return {
      geoTags,
      notes: [],
      ...(noData !== undefined && { noData: noData / (probe.bitDepth === 8 ? 255 : 65535) }),
    };
  } catch (error) {
    return { geoTags: [], notes: [`geo tags not read (${error instanceof Error ? error.message : String(error)})`] };
  }
}

async function openDecoded(probe: ImageProbe, options: RasterOptions): Promise<OpenRaster> {
  const temp = tempNameBeside(join(options.tempDir ?? tmpdir(), 'decoded.tif'));
  try {
    await decodeToStrips(probe, temp, options.maxPixels ?? DEFAULT_MAX_PIXELS);
    const tiff = await fromFile(temp);
    const image = await tiff.getImage(0);
    if (image.getWidth() !== probe.width || image.getHeight() !== probe.height) {
      await tiff.close();
      throw new FileError(
        probe.file,
        `decoded ${image.getWidth()}x${image.getHeight()}, but the header says ${probe.width}x${probe.height}`,
      );
    }
    const geo = await integerGeoTags(probe);
    return { tiff, image, temp, ...geo, notes: [...readingNotes(probe), ...geo.notes] };
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

/** Opens an image for reading by windows of rows: float TIFFs in place, other files through a decoded copy. */
export async function openRaster(probe: ImageProbe, options: RasterOptions): Promise<OpenRaster> {
  return probe.bitDepth === 32 ? openFloat(probe) : openDecoded(probe, options);
}

export async function closeRaster(raster: OpenRaster): Promise<void> {
  await raster.tiff.close();
  if (raster.temp) await unlink(raster.temp).catch(() => undefined);
}
