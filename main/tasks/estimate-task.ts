import { estimateImage, poolEstimates } from '../engine/estimate';
import type { ImageF32 } from '../engine/image';
import { FileError, readImage } from '../io';
import type { SourceInfo } from '../io';
import type { EstimateFamily, EstimateReport, ImageEstimate } from '../shared/estimate';
import { listImages } from './dataset';
import { validityMask } from './valid-pixels';

export interface EstimateTaskInput {
  /** An image file or a folder of images (one sensor: their estimates are pooled). */
  readonly input: string;
  readonly family: EstimateFamily;
  /** Gamma: the files hold amplitudes; squared to intensity first. */
  readonly amplitude?: boolean;
  readonly recursive?: boolean;
  readonly onImage?: (file: string, index: number, count: number) => void;
}

/**
 * Estimates the noise parameter of every image a path names, one image in memory at a time, and pools
 * them. Any file that cannot be read or estimated stops it with an error naming the file.
 */
export async function estimateTask(task: EstimateTaskInput): Promise<EstimateReport> {
  const { files, failures } = await listImages(task.input, task.recursive);
  if (failures.length > 0) throw new FileError(failures[0].file, failures[0].reason);
  if (files.length === 0) throw new FileError(task.input, 'no images in this folder');
  const estimates: ImageEstimate[] = [];
  const warnings: string[] = [];
  for (const [index, file] of files.entries()) {
    task.onImage?.(file, index, files.length);
    const { image, source } = await readImage(file);
    const one = estimateImage(file, withoutNoData(image, source, task.family), task.family, { amplitude: task.amplitude });
    estimates.push(one.estimate);
    warnings.push(...one.warnings);
  }
  const { pooled, warnings: poolWarnings } = poolEstimates(estimates, task.family);
  return { images: estimates, pooled, warnings: [...warnings, ...poolWarnings] };
}

/** Pixels without data (the file's no-data value; zeros of speckle data) become NaN, which the estimators skip. */
function withoutNoData(image: ImageF32, source: SourceInfo, family: EstimateFamily): ImageF32 {
  const tolerance = source.bitDepth === 32 ? 0 : 0.5 / (source.bitDepth === 8 ? 255 : 65535);
  const valid = validityMask(image, { tolerance, positiveOnly: family === 'gamma', ...(source.noData !== undefined && { noData: source.noData }) });
  if (!valid) return image;
  const data = Float32Array.from(image.data);
  for (let p = 0; p < valid.length; p++) if (!valid[p]) data.fill(NaN, p * image.channels, (p + 1) * image.channels);
  return { ...image, data };
}
