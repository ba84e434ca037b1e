import type { ImageF32 } from '../../engine/image';
import { makeImage } from '../../engine/image';
import { denoiseImage } from '../../engine/denoise-image';
import { psnr } from '../../engine/gr2r';
import { denoiseWithEstimate, estimatedMse } from '../../engine/mc-estimate';
import { meanSquaredError } from '../../engine/metrics';
import type { NamedImage } from '../../engine/train/data';
import type { Readout } from './readout';
import { plainReadout } from './readout';
import { scoreImages } from './score';
import type { TrainedModel } from './train-model';
import type { Score } from './types';

const like = (image: ImageF32, data: Float32Array) => makeImage(image.height, image.width, image.channels, data);
const tiling = { tile: 256, overlap: 32 };
const orNull = (v: number) => (Number.isFinite(v) ? v : null);

/** The model applied once to each noisy image, as a supervised model is used. */
export async function evaluateOnce(model: TrainedModel, noisy: readonly NamedImage[], clean: readonly NamedImage[]): Promise<Score> {
  const outputs: ImageF32[] = [];
  for (const { image } of noisy) outputs.push(await denoiseImage(model.net, model.meta, image, { mc: 0, seed: 1, ...tiling }));
  return scoreImages(outputs, clean.map((c) => c.image));
}

export interface Gr2rScores {
  /** J = 1 (the first recorruption) and the mean over J = mc recorruptions. */
  readonly single: Score;
  readonly averaged: Score;
  /**
   * PSNR of one pass on y1 and of the J-average, mean over the test images: estimated from y alone (null when an
   * estimated error is not positive, which a wrong noise model can cause), and true.
   */
  readonly estimatedPsnr: number | null;
  readonly truePsnr: number;
  readonly estimatedOutputPsnr: number | null;
  readonly trueOutputPsnr: number;
}

/** GR2R on the test images with J = mc recorruptions, and its error estimated from the noisy images alone. */
export async function evaluateGr2r(model: TrainedModel, noisy: readonly NamedImage[], clean: readonly NamedImage[], mc: number, readout: Readout = plainReadout): Promise<Gr2rScores> {
  const singles: ImageF32[] = [];
  const averages: ImageF32[] = [];
  const sums = { estimated: 0, estimatedOutput: 0, truth: 0, truthOutput: 0 };
  for (const [i, { image }] of noisy.entries()) {
    const x = clean[i]!.image.data;
    const passes: Float32Array[] = [];
    const onSample = (f: Float32Array) => passes.push(readout.toImage(f));
    const result = await denoiseWithEstimate(model.net, model.meta, image, { mc, seed: model.meta.seed + 17 + i, ...tiling }, onSample);
    const estimate = estimatedMse(result, readout.errorWeights?.(result.output.data));
    const output = readout.toImage(result.output.data);
    singles.push(like(image, passes[0]!));
    averages.push(like(image, output));
    sums.estimated += estimate.single > 0 ? psnr(estimate.single, 1) : Number.NaN;
    sums.estimatedOutput += estimate.averaged > 0 ? psnr(estimate.averaged, 1) : Number.NaN;
    sums.truth += psnr(passes.reduce((s, f) => s + meanSquaredError(f, x), 0) / passes.length, 1);
    sums.truthOutput += psnr(meanSquaredError(output, x), 1);
  }
  const n = noisy.length;
  const cleanImages = clean.map((c) => c.image);
  return {
    single: scoreImages(singles, cleanImages),
    averaged: scoreImages(averages, cleanImages),
    estimatedPsnr: orNull(sums.estimated / n),
    truePsnr: sums.truth / n,
    estimatedOutputPsnr: orNull(sums.estimatedOutput / n),
    trueOutputPsnr: sums.truthOutput / n,
  };
}
