import type * as tfl from '@tensorflow/tfjs-layers';
import type { Checkpoint } from '../../engine/checkpoint';
import { netFromArtifacts } from '../../engine/checkpoint';
import type { NamedImage, TrainData } from '../../engine/train/data';
import type { TrainOptions } from '../../engine/train/options';
import type { StartGradientWorkers } from '../../engine/train/gradients';
import { train } from '../../engine/train/trainer';
import type { ModelMeta } from '../../shared/model';
import { appVersion } from '../../runtime/version';

export interface TrainedModel {
  readonly net: tfl.LayersModel;
  readonly meta: ModelMeta;
  readonly seconds: number;
}

export type StepReport = (step: number, total: number, etaMs: number | null) => void;

/**
 * Trains on every training region (none held out: the bench scores on its own disjoint test regions);
 * with `clean`, supervised on the pairs.
 */
export interface TrainHooks {
  readonly onStep?: StepReport;
  readonly signal?: AbortSignal;
  /** What computes the gradients (chosen once per bench, as the app chooses: training-gradients.ts). */
  readonly gradients?: StartGradientWorkers;
  /** A pretrained network to fine-tune instead of random weights (init-model.ts); training disposes it. */
  readonly init?: tfl.LayersModel;
}

export async function trainModel(
  noisy: readonly NamedImage[],
  clean: readonly NamedImage[] | undefined,
  options: TrainOptions,
  hooks: TrainHooks = {},
): Promise<TrainedModel> {
  const { onStep, signal, gradients, init } = hooks;
  const data: TrainData = {
    train: noisy,
    trainClean: clean,
    validation: noisy,
    validationClean: clean,
    heldOut: false,
  };
  const started = performance.now();
  let last: Checkpoint | undefined;
  for await (const event of train({
    data,
    options: { ...options, checkpointEvery: options.steps },
    peak: 1,
    appVersion,
    signal,
    gradients,
    init,
  })) {
    if (event.kind === 'step') onStep?.(event.progress.step, event.progress.total, event.progress.etaMs);
    else last = event.checkpoint;
  }
  if (!last || last.meta.step < options.steps) throw new Error('cancelled');
  return {
    net: await netFromArtifacts(last.artifacts),
    meta: last.meta,
    seconds: (performance.now() - started) / 1000,
  };
}
