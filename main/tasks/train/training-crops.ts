import { basename } from 'node:path';
import type { Window } from '../../engine/estimate/central-crop';
import { Rng } from '../../engine/random/rng';
import { openBandReader, probeImage, readImage } from '../../io';
import { BAND_THRESHOLD_PIXELS } from '../denoise/band-path';
import type { LoadedDataset, LoadedImage } from '../dataset';
import { listImages } from '../dataset';
import { eachFile } from '../each-file';
import { readCrop } from '../read-crop';

export interface TrainingCropOptions {
  /** An image with more pixels than this is trained on random crops of it (default 16 MP, as band denoising). */
  readonly maxPixels?: number;
  /** Side of each crop (default 2048): far above any patch, so patches still see whole structures. */
  readonly crop?: number;
  /** Include the images in sub-folders. */
  readonly recursive?: boolean;
}

/** FNV-1a of the file's name: the same crops every run (a resumed run sees the same data). */
function nameSeed(file: string): number {
  let h = 0x811c9dc5;
  for (const c of basename(file)) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193);
  return h >>> 0;
}

/** floor(maxPixels / crop^2) windows of crop x crop at places drawn from the file's name. */
export function cropWindows(file: string, height: number, width: number, maxPixels: number, crop: number): Window[] {
  const h = Math.min(crop, height);
  const w = Math.min(crop, width);
  const count = Math.max(1, Math.floor(maxPixels / (h * w)));
  const rng = new Rng(nameSeed(file));
  return Array.from({ length: count }, () => ({
    top: rng.int(height - h + 1),
    left: rng.int(width - w + 1),
    height: h,
    width: w,
  }));
}

/**
 * One image for training: whole up to `maxPixels`, else a bounded number of random crops read band by band,
 * so a folder of 100 MP photos costs `maxPixels` per image, not 100 MP of floats (and a header claiming more
 * pixels than the reader's limit is refused before decoding, as everywhere).
 */
export async function readForTraining(
  file: string,
  options: TrainingCropOptions = {},
): Promise<{ images: LoadedImage[]; note?: string }> {
  const maxPixels = options.maxPixels ?? BAND_THRESHOLD_PIXELS;
  const probe = await probeImage(file);
  if (probe.width * probe.height <= maxPixels || probe.format === 'dng') {
    const { image, source } = await readImage(file);
    return { images: [{ name: file, file, image, source }] };
  }
  const reader = await openBandReader(file);
  try {
    const { source } = reader;
    const windows = cropWindows(file, source.height, source.width, maxPixels, options.crop ?? 2048);
    const images: LoadedImage[] = [];
    for (const window of windows) {
      const image = await readCrop(reader, window);
      images.push({ name: file, file, image, source: { ...source, width: window.width, height: window.height } });
    }
    const { width, height } = windows[0]!;
    return {
      images,
      note: `${basename(file)}: ${source.width}x${source.height} is trained on ${windows.length} random crops of ${width}x${height}, so memory stays bounded`,
    };
  } finally {
    await reader.close();
  }
}

/** The training images a path names, big ones as crops; a file that fails is listed and the rest go on. */
export async function loadTrainingDataset(
  input: string,
  options: TrainingCropOptions = {},
): Promise<LoadedDataset & { notes: string[] }> {
  const { files, failures } = await listImages(input, options.recursive);
  const notes: string[] = [];
  const read = await eachFile(files, failures, async (file) => {
    const one = await readForTraining(file, options);
    if (one.note) notes.push(one.note);
    return one.images;
  });
  return { images: read.flat(), failures, notes };
}
