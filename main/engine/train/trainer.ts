import type * as tfl from '@tensorflow/tfjs-layers';
import type { TrainProgress } from '../../shared/jobs';
import type { ModelMeta } from '../../shared/model';
import type { Checkpoint } from '../checkpoint';
import { encodeOptimizer, netArtifacts } from '../checkpoint';
import type { TrainContext } from './context';
import { createContext, disposeContext } from './context';
import type { TrainData } from './data';
import { estimatePsnr, inputPsnr, validationSet } from './evaluate';
import type { TrainOptions } from './options';
import type { StartGradientWorkers } from './gradients';
import { trainStep } from './step';
import type { BestWeights } from './best-keeper';
import { BestKeeper } from './best-keeper';

export type TrainEvent =
  | { readonly kind: 'step'; readonly progress: TrainProgress }
  | {
      readonly kind: 'checkpoint';
      readonly checkpoint: Checkpoint;
      readonly final: boolean;
      /** The weights with the best estimated PSNR so far (best-keeper.ts); `stoppedEarly`: early stopping ended the run. */
      readonly best?: BestWeights;
      readonly stoppedEarly?: boolean;
    };

export interface TrainRun {
  readonly data: TrainData;
  readonly options: TrainOptions;
  /** The data's peak value for PSNR. */
  readonly peak: number;
  readonly appVersion: string;
  readonly resume?: Checkpoint;
  readonly signal?: AbortSignal;
  /** Data-parallel gradient workers, started on the run's network; without them each step runs on this thread. */
  readonly gradients?: StartGradientWorkers;
  /** The best weights of the run being resumed (they compete with this run's). */
  readonly best?: BestWeights;
  /** Stop after this many evaluations (every evalEvery steps) without a better estimated PSNR. */
  readonly earlyStop?: number;
  /** A pretrained network to start from instead of random weights (ignored when resuming); the run disposes it. */
  readonly init?: tfl.LayersModel;
  /** Weigh GR2R-MSE per channel so that every channel has the same share of it (engine/channel-balance.ts). */
  readonly balanceChannels?: boolean;
}

async function snapshot(
  context: TrainContext,
  run: TrainRun,
  step: number,
  estPsnr: number | null,
  noisyPsnr?: number | null,
): Promise<Checkpoint> {
  const { options } = context;
  const meta: ModelMeta = {
    format: 'gr2r-model',
    version: 1,
    appVersion: run.appVersion,
    noise: options.noise,
    alpha: options.alpha,
    loss: options.loss,
    net: options.net,
    channels: context.channels,
    scale: context.scale,
    peak: context.peak,
    seed: options.seed,
    step,
    totalSteps: options.steps,
    batch: options.batch,
    patch: context.patch,
    learningRate: options.learningRate,
    estPsnr,
    ...(noisyPsnr !== undefined && { inputPsnr: noisyPsnr }),
    createdAt: new Date().toISOString(),
  };
  return { meta, artifacts: await netArtifacts(context.net), optimizer: await encodeOptimizer(context.optimizer) };
}

/**
 * Trains step by step, as an async sequence of events: a progress event after every step and a checkpoint
 * (network and optimiser state) every `checkpointEvery` steps, on cancel, and at the end. Each step draws its
 * batch and recorruption from (seed, step) alone, so a resumed run follows the uninterrupted one.
 */
export async function* train(run: TrainRun): AsyncGenerator<TrainEvent> {
  const context = await createContext(
    run.options,
    run.data,
    run.peak,
    run.resume,
    run.gradients,
    run.resume ? undefined : run.init,
    run.balanceChannels,
  );
  try {
    yield* loop(context, run);
  } finally {
    await disposeContext(context);
  }
}

/** A wasm step never waits on I/O: let the event loop run so a cancel (message, signal) is seen between steps. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

async function* loop(context: TrainContext, run: TrainRun): AsyncGenerator<TrainEvent> {
  const { options } = context;
  const validation = validationSet(context);
  let estPsnr = run.resume?.meta.estPsnr ?? null;
  let msPerStep: number | null = null;
  const keeper = new BestKeeper(run.best, run.earlyStop);
  const noisyPsnr = inputPsnr(context, validation);
  for (let step = context.startStep; step < options.steps; step++) {
    await nextTask();
    if (run.signal?.aborted) {
      yield {
        kind: 'checkpoint',
        checkpoint: await snapshot(context, run, step, estPsnr, noisyPsnr),
        final: false,
        best: keeper.best,
      };
      return;
    }
    const started = performance.now();
    const loss = await trainStep(context, step);
    const done = step + 1;
    const evaluated = done % options.evalEvery === 0 || done === options.steps;
    if (evaluated) {
      estPsnr = await estimatePsnr(context, validation);
      if (keeper.improves(estPsnr))
        keeper.keep({ step: done, estPsnr: estPsnr!, artifacts: await netArtifacts(context.net) });
      else keeper.noImprovement();
    }
    const elapsed = performance.now() - started;
    msPerStep = msPerStep === null ? elapsed : 0.9 * msPerStep + 0.1 * elapsed;
    const etaMs = msPerStep * (options.steps - done);
    yield {
      kind: 'step',
      progress: { phase: 'training', step: done, total: options.steps, loss, estPsnr, inputPsnr: noisyPsnr, etaMs },
    };
    const stop = evaluated && keeper.shouldStop;
    if (stop || done === options.steps || done % options.checkpointEvery === 0) {
      const checkpoint = await snapshot(context, run, done, estPsnr, noisyPsnr);
      yield {
        kind: 'checkpoint',
        checkpoint,
        final: done === options.steps || stop,
        best: keeper.best,
        stoppedEarly: stop && done < options.steps,
      };
    }
    if (stop) return;
  }
}
