import type { Window } from '../engine/estimate/central-crop';
import { makeImage, type ImageF32 } from '../engine/image';
import type { BandReader } from '../io';

/** Rows decoded at a time while cutting a crop: memory is about bandRows x width x channels x 4 bytes. */
export const CROP_BAND_ROWS = 256;

/** One window of an image opened by bands: its rows are read a band at a time and only its columns kept. */
export async function readCrop(reader: BandReader, crop: Window, bandRows = CROP_BAND_ROWS): Promise<ImageF32> {
  const channels = reader.source.channels;
  const data = new Float32Array(crop.height * crop.width * channels);
  for (let row = 0; row < crop.height; row += bandRows) {
    const rows = Math.min(bandRows, crop.height - row);
    const band = (await reader.readRows(crop.top + row, rows)).image;
    for (let i = 0; i < rows; i++) {
      const from = (i * band.width + crop.left) * channels;
      data.set(band.data.subarray(from, from + crop.width * channels), (row + i) * crop.width * channels);
    }
  }
  return makeImage(crop.height, crop.width, channels, data);
}
