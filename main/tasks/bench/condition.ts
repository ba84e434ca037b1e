import { nearestAlpha } from '../../engine/noise/binomial';
import type { StartGradientWorkers } from '../../engine/train/gradients';
import type { TrainOptions } from '../../engine/train/options';
import type { NoiseSpec } from '../../shared/noise';
import { describeNoise } from '../../shared/noise';
import type { BenchImages } from './clean-data';
import type { BenchCondition } from './conditions';
import { evaluateGr2r, evaluateOnce } from './evaluate';
import type { BenchMethod } from './methods';
import { benchMethods } from './methods';
import { addNoise, noiseKey } from './noisy';
import { scoreImages } from './score';
import type { StepReport, TrainedModel, TrainHooks } from './train-model';
import { trainModel } from './train-model';
import type { BenchRow, Score } from './types';

export interface ConditionRun {
  readonly images: BenchImages;
  /** Every training option but the noise (GR2R and supervised share them). */
  readonly options: Omit<TrainOptions, 'noise'>;
  readonly mc: number;
  readonly onStep?: (label: string) => StepReport;
  readonly signal?: AbortSignal;
  readonly gradients?: StartGradientWorkers;
}

/** The split alpha for a spec: binomial needs trials x alpha to be a whole number. */
export function alphaFor(spec: NoiseSpec, alpha: number): number {
  return spec.family === 'binomial' ? nearestAlpha(spec.trials, alpha) : alpha;
}

export async function trained<T>(model: TrainedModel, use: (m: TrainedModel) => Promise<T>): Promise<T> {
  try {
    return await use(model);
  } finally {
    model.net.dispose();
  }
}

export function hooks(run: ConditionRun, label: string): TrainHooks {
  return { onStep: run.onStep?.(label), signal: run.signal, gradients: run.gradients };
}

/** The noisy training and test regions of a condition (its own seeded noise), and its options. */
export function noisyRegions(spec: NoiseSpec, run: ConditionRun) {
  const options: TrainOptions = { ...run.options, noise: spec, alpha: alphaFor(spec, run.options.alpha) };
  const train = addNoise(run.images.train, spec, options.seed, 2 * noiseKey(spec));
  const test = addNoise(run.images.test, spec, options.seed, 2 * noiseKey(spec) + 1);
  return {
    spec,
    options,
    train,
    test,
    noisy: scoreImages(
      test.map((t) => t.image),
      run.images.test.map((t) => t.image),
    ),
  };
}

/** The supervised reference: the same network and options, clean targets, applied once to y. */
export async function supervisedScore(spec: NoiseSpec, regions: ReturnType<typeof noisyRegions>, run: ConditionRun) {
  const label = `${describeNoise(spec)} supervised`;
  const reference = await trainModel(
    regions.train,
    run.images.train,
    { ...regions.options, loss: 'supervised' },
    hooks(run, label),
  );
  return {
    score: await trained(reference, (m) => evaluateOnce(m, regions.test, run.images.test)),
    seconds: reference.seconds,
  };
}

/** GR2R trained and scored one way (a loss, or a way of modelling the noise): one row of the table. */
async function methodRow(
  method: BenchMethod,
  regions: ReturnType<typeof noisyRegions>,
  run: ConditionRun,
  supervised: { score: Score; seconds: number },
): Promise<BenchRow> {
  const { spec, options, noisy } = regions;
  const name = describeNoise(spec);
  const train = regions.train.map(({ name: n, image }) => ({ name: n, image: method.prepare(image) }));
  const test = regions.test.map(({ name: n, image }) => ({ name: n, image: method.prepare(image) }));
  const methodOptions = {
    ...options,
    noise: method.spec,
    alpha: alphaFor(method.spec, run.options.alpha),
    loss: method.loss,
  };
  const model = await trainModel(train, undefined, methodOptions, hooks(run, `${name} ${method.name}`));
  const scores = await trained(model, (m) => evaluateGr2r(m, test, run.images.test, run.mc, method.readout));
  return {
    noise: spec,
    condition: name,
    method: method.name,
    alpha: methodOptions.alpha,
    steps: options.steps,
    noisy,
    ...scores,
    mc: run.mc,
    supervised: supervised.score,
    gap: scores.averaged.psnr - supervised.score.psnr,
    trainingEstimate: model.meta.estPsnr,
    seconds: model.seconds + supervised.seconds,
  };
}

/** Noise on every region, then the supervised reference and GR2R each way the condition lists: one row per way. */
export async function runCondition(condition: BenchCondition, run: ConditionRun): Promise<BenchRow[]> {
  const regions = noisyRegions(condition.spec, run);
  const supervised = await supervisedScore(condition.spec, regions, run);
  const rows: BenchRow[] = [];
  for (const method of benchMethods(condition, regions.train))
    rows.push(await methodRow(method, regions, run, supervised));
  return rows;
}
