import type { ImageF32 } from '../../engine/image';
import { makeImage } from '../../engine/image';
import { denoiseWithEstimate } from '../../engine/mc-estimate';
import { describeNoise } from '../../shared/noise';
import { denoiseDefaults } from '../../shared/defaults';
import type { BenchInput } from './bench-task';
import { benchRun } from './bench-task';
import type { ConditionRun } from './condition';
import { alphaFor, hooks, noisyRegions, supervisedScore, trained } from './condition';
import { conditionsFor } from './conditions';
import { evaluateGr2r } from './evaluate';
import { scoreImages } from './score';
import { trainModel } from './train-model';
import type { TrainedModel } from './train-model';
import type { Score } from './types';

export const sweepKinds = ['alpha', 'mc'] as const;
export type SweepKind = (typeof sweepKinds)[number];
export const sweepAlphas = [0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5];
export const sweepJs = [1, 2, 3, 5, 10, 20];

/** GR2R at one (alpha, J) on one condition, with the supervised reference and the denoising time. */
export interface SweepRow {
  readonly condition: string;
  readonly alpha: number;
  readonly mc: number;
  readonly score: Score;
  readonly supervisedPsnr: number;
  readonly msPerImage: number;
  readonly estimatedPsnr: number | null;
  readonly truePsnr: number | null;
}

type Row = Omit<SweepRow, 'condition' | 'supervisedPsnr'>;

/** Scores of the mean of the first J passes for every J in `js`, from one run of max(js) passes per image. */
async function prefixRows(
  model: TrainedModel,
  regions: ReturnType<typeof noisyRegions>,
  run: ConditionRun,
  js: readonly number[],
): Promise<Row[]> {
  const most = Math.max(...js);
  const outputs = js.map(() => [] as ImageF32[]);
  const started = performance.now();
  for (const [i, { image }] of regions.test.entries()) {
    const sum = new Float32Array(image.data.length);
    let count = 0;
    const options = { ...denoiseDefaults, mc: most, seed: model.meta.seed + 17 + i };
    await denoiseWithEstimate(model.net, model.meta, image, options, (f) => {
      count++;
      for (let p = 0; p < sum.length; p++) sum[p]! += f[p]!;
      const at = js.indexOf(count);
      if (at >= 0)
        outputs[at]!.push(
          makeImage(
            image.height,
            image.width,
            image.channels,
            sum.map((v) => v / count),
          ),
        );
    });
  }
  const msPerPass = (performance.now() - started) / (most * regions.test.length);
  const clean = run.images.test.map((t) => t.image);
  return js.map((mc, k) => ({
    alpha: model.meta.alpha,
    mc,
    score: scoreImages(outputs[k]!, clean),
    msPerImage: msPerPass * mc,
    estimatedPsnr: null,
    truePsnr: null,
  }));
}

/** alpha: one model per alpha, scored at J = 1 and 5. mc: one model at the default alpha, scored at each J. */
async function sweepCondition(
  kind: SweepKind,
  regions: ReturnType<typeof noisyRegions>,
  run: ConditionRun,
): Promise<Row[]> {
  const alphas =
    kind === 'alpha'
      ? [...new Set(sweepAlphas.map((a) => alphaFor(regions.options.noise, a)))]
      : [regions.options.alpha];
  const rows: Row[] = [];
  for (const alpha of alphas) {
    const label = `${describeNoise(regions.options.noise)} GR2R alpha ${alpha}`;
    const model = await trainModel(regions.train, undefined, { ...regions.options, alpha }, hooks(run, label));
    await trained(model, async (m) => {
      if (kind === 'mc') return void rows.push(...(await prefixRows(m, regions, run, sweepJs)));
      const g = await evaluateGr2r(m, regions.test, run.images.test, denoiseDefaults.mc);
      rows.push({ alpha, mc: 1, score: g.single, msPerImage: 0, estimatedPsnr: g.estimatedPsnr, truePsnr: g.truePsnr });
      const averaged = { score: g.averaged, estimatedPsnr: g.estimatedOutputPsnr, truePsnr: g.trueOutputPsnr };
      rows.push({ alpha, mc: denoiseDefaults.mc, msPerImage: 0, ...averaged });
    });
  }
  return rows;
}

export async function runSweep(
  kind: SweepKind,
  input: BenchInput,
  onRow?: (row: SweepRow) => void,
): Promise<SweepRow[]> {
  const run = await benchRun(input);
  const rows: SweepRow[] = [];
  for (const condition of conditionsFor(input.families ?? [{ family: 'gaussian' }])) {
    const regions = noisyRegions(condition.spec, run);
    const supervised = await supervisedScore(condition.spec, regions, run);
    for (const row of await sweepCondition(kind, regions, run)) {
      const full = { ...row, condition: describeNoise(condition.spec), supervisedPsnr: supervised.score.psnr };
      rows.push(full);
      onRow?.(full);
    }
  }
  return rows;
}
