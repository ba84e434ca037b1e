import { speckleValuesProblem } from '../../engine/sar/speckle-values';
import { estimateImage, poolEstimates } from '../../engine/estimate';
import type { ImageF32 } from '../../engine/image';
import type { SourceInfo } from '../../io';
import type { EstimateFamily, EstimateReport, ImageEstimate, RealNoise } from '../../shared/estimate';
import type { FileFailure } from '../../shared/jobs';
import { listImages } from '../dataset';
import { eachFile, NoFileLeft } from '../each-file';
import { readEstimationCrop } from './estimation-crop';
import { validityMask } from '../valid-pixels';
import { measureRealNoise } from '../../engine/estimate/real-noise';

export interface EstimateTaskInput {
  /** An image file or a folder of images (one sensor: their estimates are pooled). */
  readonly input: string;
  readonly family: EstimateFamily;
  /** Gamma: the files hold amplitudes; squared to intensity first. */
  readonly amplitude?: boolean;
  readonly recursive?: boolean;
  readonly onImage?: (file: string, index: number, count: number) => void;
  /** How an image is named in the report (default: its path). */
  readonly nameOf?: (file: string) => string;
  readonly signal?: AbortSignal;
}

export interface EstimateTaskResult extends EstimateReport {
  /** Files that could not be read or measured, each with its reason; the others were pooled. */
  readonly failures: readonly FileFailure[];
}

/**
 * Estimates the noise parameter of every image a path names, one image in memory at a time (only the central
 * crop the estimators use is read), and pools them. A file that cannot be read or measured is listed with its
 * reason and the others go on; it fails only when no image is left.
 */
export async function estimateTask(task: EstimateTaskInput): Promise<EstimateTaskResult> {
  const { files, failures } = await listImages(task.input, task.recursive);
  const warnings: string[] = [];
  const nameOf = task.nameOf ?? ((file: string) => file);
  const estimates = await eachFile(
    files,
    failures,
    async (file, index) => {
      task.onImage?.(file, index, files.length);
      const { image, source } = await readEstimationCrop(file);
      const values = task.family === 'gamma' ? speckleValuesProblem(image.data, source.noData) : null;
      if (values) throw new Error(values);
      const one = estimateImage(nameOf(file), withoutNoData(image, source, task.family), task.family, {
        amplitude: task.amplitude,
      });
      const realNoise = source.bitDepth !== 32 && source.format !== 'dng' ? measureRealNoise(image) : undefined;
      warnings.push(...whitePartWarnings(nameOf(file), one.estimate, realNoise, one.warnings));
      return realNoise ? { ...one.estimate, realNoise } : one.estimate;
    },
    task.signal,
  );
  if (task.signal?.aborted) throw new Error('cancelled');
  if (estimates.length === 0) throw new NoFileLeft(task.input, failures, 'measured');
  const { pooled, warnings: poolWarnings } = poolEstimates(estimates, task.family);
  return { images: estimates, pooled, warnings: [...warnings, ...poolWarnings], failures };
}

/** Pixels without data (the file's no-data value; zeros of speckle data) become NaN, which the estimators skip. */
function withoutNoData(image: ImageF32, source: SourceInfo, family: EstimateFamily): ImageF32 {
  const tolerance = source.bitDepth === 32 ? 0 : 0.5 / (source.bitDepth === 8 ? 255 : 65535);
  const valid = validityMask(image, {
    tolerance,
    positiveOnly: family === 'gamma',
    ...(source.noData !== undefined && { noData: source.noData }),
  });
  if (!valid) return image;
  const data = Float32Array.from(image.data);
  for (let p = 0; p < valid.length; p++) if (!valid[p]) data.fill(NaN, p * image.channels, (p + 1) * image.channels);
  return { ...image, data };
}

/**
 * A white sigma far under the noise as it is (JPEG, demosaicking: the noise's power sits at low frequencies, which a
 * high-band estimator does not see) is said, with the std a model should be given, in place of the texture warning
 * that would call it too high.
 */
function whitePartWarnings(
  name: string,
  estimate: ImageEstimate,
  realNoise: RealNoise | undefined,
  warnings: readonly string[],
): string[] {
  if (estimate.family !== 'gaussian' || !realNoise) return [...warnings];
  const std = [...realNoise.std].sort((a, b) => a - b)[realNoise.std.length >> 1]!;
  if (!(estimate.sigma < whiteShare * std)) return [...warnings];
  const per255 = (v: number) => (255 * v).toFixed(2);
  return [
    ...warnings.filter((w) => !w.startsWith(`${name}: few flat areas`)),
    `${name}: sigma ${per255(estimate.sigma)}/255 is only the part of the noise that is independent between pixels; ` +
      `the noise as it is has std ${per255(std)}/255, correlated between pixels, and a model given this sigma would ` +
      'keep the rest. The automatic noise model (no --noise) trains on the noise as it is.',
  ];
}

/** A white sigma under this share of the noise's std misses most of the noise. */
const whiteShare = 0.5;
