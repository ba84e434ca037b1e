import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { Checkpoint } from '../checkpoint';
import { netArtifacts, netFromArtifacts, restoreOptimizer } from '../checkpoint';
import { channelBalance } from '../channel-balance';
import { recorruptedPatches } from '../channel-repeats';
import { checkLoss, lossGrowth } from '../gr2r';
import { buildNet, sizeMultiple } from '../nets';
import type { NoiseModel } from '../noise';
import { noiseModel } from '../noise';
import type { TrainData } from './data';
import { checkImages, dataScale, maxChannels } from './data';
import type { TrainOptions } from './options';
import { effectivePatchSize } from '../patches';
import { Rng } from '../random/rng';
import type { GradientWorkers, StartGradientWorkers } from './gradients';

/** What one training run holds between steps. */
export interface TrainContext {
  readonly options: TrainOptions;
  readonly data: TrainData;
  readonly noise: NoiseModel;
  readonly net: tfl.LayersModel;
  readonly optimizer: tf.AdamOptimizer;
  readonly channels: number;
  readonly patch: number;
  readonly scale: number;
  readonly peak: number;
  readonly startStep: number;
  /** GR2R-MSE's weight per channel (channel-balance.ts); undefined: every channel weighs 1. */
  readonly channelWeights?: readonly number[];
  /** When set, each step's gradients come from these workers (data parallel); otherwise from this thread. */
  readonly gradients?: GradientWorkers;
}

function validate(options: TrainOptions, data: TrainData, noise: NoiseModel): void {
  const problem =
    options.loss === 'supervised' ? null : (noise.checkAlpha(options.alpha) ?? checkLoss(options.loss, noise));
  if (problem) throw new Error(problem);
  if (options.loss === 'supervised' && !data.trainClean) throw new Error('supervised training needs clean targets');
  if (options.loss !== 'supervised') checkImages([...data.train, ...data.validation], noise);
}

export async function createContext(
  options: TrainOptions,
  data: TrainData,
  peak: number,
  resume?: Checkpoint,
  startGradients?: StartGradientWorkers,
  init?: tfl.LayersModel,
  balanceChannels = false,
): Promise<TrainContext> {
  const noise = noiseModel(options.noise);
  validate(options, data, noise);
  const channels = resume?.meta.channels ?? maxChannels(data.train);
  const patch = effectivePatchSize(data.train, options.patch, sizeMultiple(options.net));
  // `init`: a pretrained network to fine-tune (the caller checked that it fits); the context owns it from here.
  const scale = resume?.meta.scale ?? trainingScale(data, noise, options);
  const channelWeights = balanceChannels ? balancedWeights(options, data, noise, channels, patch, scale) : undefined;
  // The body sees each channel's noise at a like amplitude: gains sqrt(lambda_c) (nets/input-gains.ts).
  const gains = channelWeights?.map(Math.sqrt);
  const net = resume
    ? await netFromArtifacts(resume.artifacts)
    : (init ?? buildNet(options.net, channels, options.seed, gains));
  const optimizer = tf.train.adam(options.learningRate);
  const context = {
    options,
    data,
    noise,
    net,
    optimizer,
    channels,
    patch,
    peak,
    scale,
    startStep: resume?.meta.step ?? 0,
    ...(channelWeights && { channelWeights }),
  };
  try {
    if (resume?.optimizer) await restoreOptimizer(optimizer, resume.optimizer);
    if (!startGradients) return context;
    const setup = {
      artifacts: await netArtifacts(net),
      loss: options.loss,
      noise: options.noise,
      scale,
      ...(channelWeights && { channelWeights }),
    };
    const gradients = await startGradients(setup);
    return gradients ? { ...context, gradients } : context;
  } catch (error) {
    await disposeContext(context);
    throw error;
  }
}

/** Draws of recorrupted patches the channel weights are measured on (a batch each): 4 x 8 x 64^2 pixels a channel. */
const balanceBatches = 4;
const balanceKey = 0x7ffffff1;

/**
 * GR2R-MSE's channel weights (channel-balance.ts), from recorrupted training patches of fixed draws (the same on
 * resume), in the units the network works in; undefined for one channel or supervised training.
 */
function balancedWeights(
  options: TrainOptions,
  data: TrainData,
  noise: NoiseModel,
  channels: number,
  patch: number,
  scale: number,
): number[] | undefined {
  if (options.loss !== 'mse' || channels < 2) return undefined;
  const rng = Rng.derive(options.seed, balanceKey);
  const count = balanceBatches * options.batch;
  const pair = recorruptedPatches(
    noise,
    data.train.map((d) => d.image),
    count,
    patch,
    channels,
    options.alpha,
    rng,
  );
  const [y1, y2] = [pair.y1.map((v) => v / scale), pair.y2.map((v) => v / scale)];
  return channelBalance(y1, y2, [count, patch, patch, channels], lossGrowth(options.loss, noise));
}

/** The input scale, measured where the network works: in the stabilised domain for families trained there. */
function trainingScale(data: TrainData, noise: NoiseModel, options: TrainOptions): number {
  const domain = options.loss === 'supervised' ? undefined : noise.domain;
  if (!domain) return dataScale(data.train);
  return dataScale(data.train.map((d) => ({ ...d, image: { ...d.image, data: domain.forward(d.image.data) } })));
}

export async function disposeContext(context: TrainContext): Promise<void> {
  context.optimizer.dispose();
  context.net.dispose();
  await context.gradients?.close();
}
