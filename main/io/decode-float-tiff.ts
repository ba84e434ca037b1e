import { fromFile, type GeoTIFF } from 'geotiff';
import { noDataOf, readGeoTags } from './geo-tags';
import { FileError } from './file-error';
import type { ImageProbe } from './probe-image';
import { splitAlpha, type Decoded } from './split-alpha';

async function decodeFirstImage(tiff: GeoTIFF, probe: ImageProbe): Promise<Decoded> {
  const image = await tiff.getImage(0);
  const bands = image.getSamplesPerPixel();
  for (let b = 0; b < bands; b++) {
    if (image.getSampleFormat(b) !== 3 || image.getBitsPerSample(b) !== 32) {
      throw new FileError(probe.file, `band ${b + 1} is not 32-bit float; mixed sample types are not supported`);
    }
  }
  const raster = await image.readRasters({ interleave: true });
  if (!(raster instanceof Float32Array)) throw new FileError(probe.file, 'the float TIFF decoded to an unexpected type');
  const geoTags = await readGeoTags(image);
  const split = splitAlpha(raster, image.getHeight(), image.getWidth(), bands, probe.hasAlpha, 32);
  const notes = probe.pages > 1 ? [`only the first of ${probe.pages} pages was read`] : [];
  const noData = noDataOf(geoTags);
  return { ...split, notes, ...(geoTags.length > 0 && { geoTags }), ...(noData !== undefined && { noData }) };
}

/** Reads a 32-bit float TIFF through geotiff: values as they are, geo tags kept. */
export async function decodeFloatTiff(probe: ImageProbe): Promise<Decoded> {
  let tiff: GeoTIFF | undefined;
  try {
    tiff = await fromFile(probe.file);
    return await decodeFirstImage(tiff, probe);
  } catch (error) {
    if (error instanceof FileError) throw error;
    const why = error instanceof Error ? error.message : String(error);
    throw new FileError(probe.file, `cannot decode the float TIFF; it may be truncated or damaged (${why})`, { cause: error });
  } finally {
    await tiff?.close();
  }
}
