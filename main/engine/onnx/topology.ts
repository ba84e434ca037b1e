import type { io } from '@tensorflow/tfjs-core';
import { z } from 'zod';

/** One layer of a tfjs layers model, called once: its class, its config and the layers it reads. */
export interface TopologyLayer {
  readonly name: string;
  readonly className: string;
  readonly config: Readonly<Record<string, unknown>>;
  readonly inputs: readonly string[];
}

/** A single-input, single-output functional model, its layers in topological order. */
export interface Topology {
  readonly name: string;
  readonly layers: readonly TopologyLayer[];
  readonly input: string;
  readonly output: string;
}

const tensorRef = z.tuple([z.string(), z.number(), z.number()]).rest(z.unknown());

const layerSchema = z.object({
  name: z.string(),
  class_name: z.string(),
  config: z.record(z.string(), z.unknown()),
  inbound_nodes: z.array(z.array(tensorRef)),
});

const topologySchema = z.object({
  class_name: z.enum(['Model', 'Functional']),
  config: z.object({
    name: z.string(),
    layers: z.array(layerSchema),
    input_layers: z.array(tensorRef),
    output_layers: z.array(tensorRef),
  }),
});

function single(refs: readonly (readonly [string, number, number, ...unknown[]])[], what: string): string {
  if (refs.length !== 1) throw new Error(`the model has ${refs.length} ${what}s; ONNX export handles one`);
  return refs[0]![0];
}

function toLayer(layer: z.infer<typeof layerSchema>): TopologyLayer {
  if (layer.inbound_nodes.length > 1)
    throw new Error(
      `layer ${layer.name} is shared (called ${layer.inbound_nodes.length} times); ONNX export handles layers called once`,
    );
  const refs = layer.inbound_nodes[0] ?? [];
  for (const [from, , tensorIndex] of refs) {
    if (tensorIndex !== 0)
      throw new Error(
        `layer ${layer.name} reads output ${tensorIndex} of ${from}; ONNX export handles single-output layers`,
      );
  }
  return { name: layer.name, className: layer.class_name, config: layer.config, inputs: refs.map(([from]) => from) };
}

/** The layer graph of a tfjs layers model's artifacts (model.json's modelTopology). */
export function parseTopology(artifacts: io.ModelArtifacts): Topology {
  const raw = artifacts.modelTopology;
  if (!raw || raw instanceof ArrayBuffer)
    throw new Error('the model has no layers topology (a graph model cannot be exported)');
  const parsed = topologySchema.safeParse(raw);
  if (!parsed.success)
    throw new Error(`the model topology is not a functional layers model (${parsed.error.issues[0]?.message})`);
  const { config } = parsed.data;
  return {
    name: config.name,
    layers: config.layers.map(toLayer),
    input: single(config.input_layers, 'input'),
    output: single(config.output_layers, 'output'),
  };
}
