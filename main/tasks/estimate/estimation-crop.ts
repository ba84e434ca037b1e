import { centralWindow, maxEstimatePixels } from '../../engine/estimate/central-crop';
import type { ReadResult } from '../../io';
import { openBandReader, probeImage, readImage } from '../../io';
import { CROP_BAND_ROWS, readCrop } from '../read-crop';

/**
 * The central crop the estimators look at (engine/estimate/central-crop.ts), read without holding the whole
 * image: a big file is read band by band and only the crop's columns are kept, so an 8000 x 8000 PNG costs
 * the 4 MP crop and one band, not 64 MP of floats. Small images (and camera raw) are read whole.
 */
export async function readEstimationCrop(
  file: string,
  maxPixels = maxEstimatePixels,
  bandRows = CROP_BAND_ROWS,
): Promise<ReadResult> {
  const probe = await probeImage(file);
  if (probe.width * probe.height <= maxPixels || probe.format === 'dng') return readImage(file);
  const reader = await openBandReader(file);
  try {
    const { source } = reader;
    const crop = centralWindow(source.height, source.width, maxPixels);
    const image = await readCrop(reader, crop, bandRows);
    return {
      image,
      source: {
        ...source,
        width: crop.width,
        height: crop.height,
        notes: [...source.notes, `estimated on the central ${crop.width}x${crop.height}`],
      },
    };
  } finally {
    await reader.close();
  }
}
