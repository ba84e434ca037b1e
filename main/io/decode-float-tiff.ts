import { fromFile, type GeoTIFF } from 'geotiff';
import { noDataOf, readGeoTags } from './geo-tags';
import { FileError } from './file-error';
import { asFloat32, checkBands, convertedNote } from './float-samples';
import type { ImageProbe } from './probe-image';
import { splitAlpha, type Decoded } from './split-alpha';

async function decodeFirstImage(tiff: GeoTIFF, probe: ImageProbe): Promise<Decoded> {
  const image = await tiff.getImage(0);
  const bands = image.getSamplesPerPixel();
  checkBands(image, probe.file, probe.converted !== undefined);
  const raster = asFloat32((await image.readRasters({ interleave: true })) as ArrayLike<number>);
  const geoTags = await readGeoTags(image);
  const split = splitAlpha(raster, image.getHeight(), image.getWidth(), bands, probe.hasAlpha, 32);
  const notes = [
    ...(probe.converted ? [convertedNote(probe.converted)] : []),
    ...(probe.pages > 1 ? [`only the first of ${probe.pages} pages was read`] : []),
  ];
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
    throw new FileError(probe.file, `cannot decode the float TIFF; it may be truncated or damaged (${why})`, {
      cause: error,
    });
  } finally {
    await tiff?.close();
  }
}
