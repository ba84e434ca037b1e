import { centralWindow, maxEstimatePixels } from '../engine/estimate/central-crop';
import { makeImage } from '../engine/image';
import type { ReadResult } from '../io';
import { openBandReader, probeImage, readImage } from '../io';

/** Rows decoded at a time while cutting the crop: memory is about bandRows x width x channels x 4 bytes. */
const BAND_ROWS = 256;

/**
 * The central crop the estimators look at (engine/estimate/central-crop.ts), read without holding the whole
 * image: a big file is read band by band and only the crop's columns are kept, so an 8000 x 8000 PNG costs
 * the 4 MP crop and one band, not 64 MP of floats. Small images (and camera raw) are read whole.
 */
export async function readEstimationCrop(file: string, maxPixels = maxEstimatePixels, bandRows = BAND_ROWS): Promise<ReadResult> {
  const probe = await probeImage(file);
  if (probe.width * probe.height <= maxPixels || probe.format === 'dng') return readImage(file);
  const reader = await openBandReader(file);
  try {
    const { source } = reader;
    const crop = centralWindow(source.height, source.width, maxPixels);
    const channels = source.channels;
    const data = new Float32Array(crop.height * crop.width * channels);
    for (let row = 0; row < crop.height; row += bandRows) {
      const rows = Math.min(bandRows, crop.height - row);
      const band = (await reader.readRows(crop.top + row, rows)).image;
      for (let i = 0; i < rows; i++) {
        const from = (i * band.width + crop.left) * channels;
        data.set(band.data.subarray(from, from + crop.width * channels), (row + i) * crop.width * channels);
      }
    }
    const image = makeImage(crop.height, crop.width, channels, data);
    return { image, source: { ...source, width: crop.width, height: crop.height, notes: [...source.notes, `estimated on the central ${crop.width}x${crop.height}`] } };
  } finally {
    await reader.close();
  }
}
