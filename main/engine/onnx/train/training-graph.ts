import type { io } from '@tensorflow/tfjs-core';
import type { OnnxGraph, OnnxValue } from '../graph';
import { GraphBuilder } from '../graph';
import { parseTopology } from '../topology';
import type { TopologyLayer } from '../topology';
import { trainConv2d, trainConv2dTranspose } from './conv-rules';
import { mseLoss } from './loss-graph';
import { NCHWC_DOMAIN } from './nchwc';
import { trainAdd, trainConcatenate, trainMaxPooling2d } from './shape-rules';
import type { TrainLayer, TrainRule, Value, WeightInput } from './types';

const rules: Readonly<Record<string, TrainRule>> = {
  Conv2D: trainConv2d,
  Conv2DTranspose: trainConv2dTranspose,
  MaxPooling2D: trainMaxPooling2d,
  Concatenate: trainConcatenate,
  Add: trainAdd,
};

/** One training step as an ONNX graph: NHWC input and target and the weights in; the MSE loss and its gradients out. */
export interface TrainingGraph {
  readonly graph: OnnxGraph;
  readonly input: string;
  readonly target: string;
  readonly loss: string;
  /** Every weight, in the model's weight order (= its trainable-weight order): graph input, gradient output, tf shape. */
  readonly weights: readonly WeightInput[];
  /** Whether some convolutions run in onnxruntime's blocked layout (nchwc.ts). */
  readonly blocked: boolean;
}

interface Taped {
  readonly layer: TrainLayer;
  readonly inputs: readonly Value[];
}

class Builder {
  readonly graph = new GraphBuilder();
  readonly values = new Map<string, Value>();
  readonly tape: Taped[] = [];
  readonly used = new Map<string, WeightInput>();

  constructor(
    private readonly shapes: ReadonlyMap<string, readonly number[]>,
    private readonly nchwcBlock: number | undefined,
  ) {}

  weight(layer: TopologyLayer, suffix: string): WeightInput {
    const name = `${layer.name}/${suffix}`;
    const shape = this.shapes.get(name);
    if (!shape) throw new Error(`layer ${layer.name} has no weight ${suffix}`);
    const found = this.used.get(name) ?? { input: `w:${name}`, gradient: `grad:${name}`, shape };
    this.used.set(name, found);
    return found;
  }

  forward(layer: TopologyLayer): void {
    const rule = rules[layer.className];
    if (!rule) throw new Error(`layer ${layer.name} (${layer.className}) has no onnxruntime training graph`);
    const inputs = layer.inputs.map((name) => this.values.get(name) ?? missing(name));
    const built = rule({
      graph: this.graph,
      layer,
      inputs,
      weight: (suffix) => this.weight(layer, suffix),
      ...(this.nchwcBlock !== undefined && { nchwcBlock: this.nchwcBlock }),
    });
    this.values.set(layer.name, built.output);
    this.tape.push({ layer: built, inputs });
  }

  /** Reverse mode: every value's gradient is the sum of what its readers send back. */
  backward(output: Value, gradient: string, input: Value): void {
    const received = new Map<string, string[]>([[output.name, [gradient]]]);
    for (const { layer, inputs } of [...this.tape].reverse()) {
      const parts = received.get(layer.output.name);
      if (!parts) throw new Error(`a layer's output (${layer.output.name}) does not reach the network's output`);
      const sum = parts.length === 1 ? parts[0]! : this.graph.node('Sum', parts, `${layer.output.name}/grad`);
      const sent = layer.backward(
        sum,
        inputs.map((v) => v.name !== input.name),
      );
      sent.forEach((g, i) => {
        if (g) received.set(inputs[i]!.name, [...(received.get(inputs[i]!.name) ?? []), g]);
      });
    }
  }
}

function missing(name: string): never {
  throw new Error(`layer input ${name} is not computed before it is read`);
}

/**
 * The training graph of a tfjs layers model (main/engine/nets) for batches of shape [n, h, w, c]; `growth` > 0
 * weights the loss for noise that grows with the signal (engine/loss-weights.ts), `channelWeights` each channel's
 * squared error (engine/channel-balance.ts); `nchwcBlock`, onnxruntime's CPU block size, lets convolutions run in
 * its blocked layout (nchwc.ts).
 */
export function trainingGraph(
  artifacts: io.ModelArtifacts,
  shape: readonly [number, number, number, number],
  growth = 0,
  channelWeights?: readonly number[],
  nchwcBlock?: number,
): TrainingGraph {
  const topology = parseTopology(artifacts);
  const shapes = new Map((artifacts.weightSpecs ?? []).map((s) => [s.name, s.shape] as const));
  const b = new Builder(shapes, nchwcBlock);
  const [n, h, w, c] = shape;
  const input: Value = {
    name: b.graph.node('Transpose', [topology.input], 'input_nchw', { perm: [0, 3, 1, 2] }),
    shape: [n, c, h, w],
  };
  for (const layer of topology.layers) {
    if (layer.className === 'InputLayer') b.values.set(layer.name, input);
    else b.forward(layer);
  }
  const output = b.values.get(topology.output) ?? missing(topology.output);
  const { loss, gradient } = mseLoss(b.graph, output, 'target', input.name, growth, channelWeights);
  b.backward(output, gradient, input);
  const weights = [...shapes.keys()].map((name) => {
    const used = b.used.get(name);
    if (!used) throw new Error(`weight ${name} is not used by any layer`);
    return used;
  });
  const value = (name: string, dims: readonly number[]): OnnxValue => ({ name, dims });
  const graph = b.graph.build(
    `${topology.name}_training`,
    [
      value(topology.input, shape),
      value('target', [n, h, w, output.shape[1]]),
      ...weights.map((wt) => value(wt.input, wt.shape)),
    ],
    [value(loss, []), ...weights.map((wt) => value(wt.gradient, wt.shape))],
  );
  const blocked = graph.nodes.some((n) => n.domain === NCHWC_DOMAIN);
  return { graph, input: topology.input, target: 'target', loss, weights, blocked };
}
