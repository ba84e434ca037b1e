import type * as tf from '@tensorflow/tfjs-core';
import type { LossKind } from '../../shared/model';
import type { NoiseSpec } from '../../shared/noise';

export type BatchShape = [number, number, number, number];

/** What every gradient worker needs once: the network and how the loss is taken. */
export interface ShardSetup {
  readonly artifacts: tf.io.ModelArtifacts;
  readonly loss: LossKind;
  readonly noise: NoiseSpec;
  /** Inputs and targets are divided by this before the network, as on the single-threaded path. */
  readonly scale: number;
  /** GR2R-MSE's weight per channel (engine/channel-balance.ts), as on the single-threaded path. */
  readonly channelWeights?: readonly number[];
}

export interface ShardGradients {
  /** The mean loss on the shard, in the network's (scaled) units. */
  readonly loss: number;
  /** Gradients of that mean loss, flat, in the network's trainable-weight order. */
  readonly gradients: Float32Array;
}

/** Gradients for one shard, at the given weights (flat, in trainable-weight order). */
export type GradientComputer = (
  weights: Float32Array,
  input: Float32Array,
  target: Float32Array,
  shape: BatchShape,
) => Promise<ShardGradients>;

/** A set of gradient computers, one per worker, running in parallel. */
export interface GradientWorkers {
  readonly computers: readonly GradientComputer[];
  /** Stops every worker; safe to call twice. */
  close(): Promise<void>;
}

/** Injected by the task layer: the engine never starts threads itself. Undefined: compute on this thread. */
export type StartGradientWorkers = (setup: ShardSetup) => Promise<GradientWorkers | undefined>;
