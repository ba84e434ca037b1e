import type { GraphBuilder } from '../graph';
import type { TopologyLayer } from '../topology';

/** A tensor inside the training graph: its name and its NCHW shape (static: one graph per batch shape). */
export interface Value {
  readonly name: string;
  readonly shape: readonly [number, number, number, number];
  /** The same tensor in onnxruntime's blocked layout (nchwc.ts), where a blocked convolution made it. */
  readonly blocked?: string;
}

/** A weight as a graph input (tf layout) and its gradient's output name. */
export interface WeightInput {
  readonly input: string;
  readonly gradient: string;
  readonly shape: readonly number[];
}

export interface TrainLayerContext {
  readonly graph: GraphBuilder;
  readonly layer: TopologyLayer;
  readonly inputs: readonly Value[];
  /** onnxruntime's NCHWc block size, when convolutions may run blocked (nchwc.ts); undefined: plain ONNX only. */
  readonly nchwcBlock?: number;
  /** The layer's weight by suffix ('kernel', 'bias'), declared as a graph input on first use. */
  weight(suffix: string): WeightInput;
}

/**
 * A layer's forward nodes, and how to add its backward nodes: given the name of the gradient of the loss
 * with respect to its output, write its weights' gradients and return the gradients of its inputs
 * (null where an input needs none).
 */
export interface TrainLayer {
  readonly output: Value;
  backward(gradient: string, needsInput: readonly boolean[]): readonly (string | null)[];
}

export type TrainRule = (context: TrainLayerContext) => TrainLayer;
