import type { ImageF32 } from '../../engine/image';
import { makeImage } from '../../engine/image';
import { denoiseImage } from '../../engine/denoise-image';
import { psnr } from '../../engine/gr2r';
import { denoiseWithEstimate, estimatedMse } from '../../engine/mc-estimate';
import { meanSquaredError } from '../../engine/metrics';
import type { NamedImage } from '../../engine/train/data';
import { denoiseDefaults } from '../../shared/defaults';
import type { Readout } from './readout';
import { plainReadout } from './readout';
import { scoreImages } from './score';
import type { TrainedModel } from './train-model';
import type { Score } from './types';

const like = (image: ImageF32, data: Float32Array) => makeImage(image.height, image.width, image.channels, data);
const tiling = { tile: denoiseDefaults.tile };

/** The model applied once to each noisy image, as a supervised model is used. */
export async function evaluateOnce(
  model: TrainedModel,
  noisy: readonly NamedImage[],
  clean: readonly NamedImage[],
): Promise<Score> {
  const outputs: ImageF32[] = [];
  for (const { image } of noisy)
    outputs.push(await denoiseImage(model.net, model.meta, image, { mc: 0, seed: 1, ...tiling }));
  return scoreImages(
    outputs,
    clean.map((c) => c.image),
  );
}

export interface Gr2rScores {
  /** J = 1 (the first recorruption) and the mean over J = mc recorruptions. */
  readonly single: Score;
  readonly averaged: Score;
  /**
   * PSNR of one pass on y1 and of the J-average, from the squared errors pooled over all test pixels: estimated
   * from y alone (null when the estimated error is not positive, which a wrong noise model can cause), and true.
   * Pooled, because a noisy per-image estimate near 0 would blow up a mean of PSNRs.
   */
  readonly estimatedPsnr: number | null;
  readonly truePsnr: number;
  readonly estimatedOutputPsnr: number | null;
  readonly trueOutputPsnr: number;
}

/** GR2R on the test images with J = mc recorruptions, and its error estimated from the noisy images alone. */
export async function evaluateGr2r(
  model: TrainedModel,
  noisy: readonly NamedImage[],
  clean: readonly NamedImage[],
  mc: number,
  readout: Readout = plainReadout,
): Promise<Gr2rScores> {
  const singles: ImageF32[] = [];
  const averages: ImageF32[] = [];
  const sums = { estimated: 0, estimatedOutput: 0, truth: 0, truthOutput: 0, pixels: 0 };
  for (const [i, { image }] of noisy.entries()) {
    const x = clean[i]!.image.data;
    const passes: Float32Array[] = [];
    const onSample = (f: Float32Array) => passes.push(readout.toImage(f));
    const result = await denoiseWithEstimate(
      model.net,
      model.meta,
      image,
      { mc, seed: model.meta.seed + 17 + i, ...tiling },
      onSample,
    );
    const estimate = estimatedMse(result, readout.errorWeights?.(result.output.data));
    const output = readout.toImage(result.output.data);
    singles.push(like(image, passes[0]!));
    averages.push(like(image, output));
    const n = x.length;
    sums.estimated += estimate.single * n;
    sums.estimatedOutput += estimate.averaged * n;
    sums.truth += (passes.reduce((s, f) => s + meanSquaredError(f, x), 0) / passes.length) * n;
    sums.truthOutput += meanSquaredError(output, x) * n;
    sums.pixels += n;
  }
  const pooled = (sum: number) => psnr(sum / sums.pixels, 1);
  const positive = (sum: number) => (sum > 0 ? pooled(sum) : null);
  const cleanImages = clean.map((c) => c.image);
  return {
    single: scoreImages(singles, cleanImages),
    averaged: scoreImages(averages, cleanImages),
    estimatedPsnr: positive(sums.estimated),
    truePsnr: pooled(sums.truth),
    estimatedOutputPsnr: positive(sums.estimatedOutput),
    trueOutputPsnr: pooled(sums.truthOutput),
  };
}
