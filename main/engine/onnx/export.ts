import type { io } from '@tensorflow/tfjs-core';
import type { ModelInfo } from './encode';
import { encodeModel } from './encode';
import type { OnnxGraph } from './graph';
import { GraphBuilder } from './graph';
import { converters } from './layers';
import type { Topology, TopologyLayer } from './topology';
import { parseTopology } from './topology';
import { readWeights } from './weights';

function inputChannels(layer: TopologyLayer): number {
  const shape = layer.config.batch_input_shape;
  const channels = Array.isArray(shape) && shape.length === 4 ? shape[3] : undefined;
  if (typeof channels !== 'number')
    throw new Error(`input ${layer.name} is not an image batch [N, H, W, C] with known C`);
  return channels;
}

function convertLayers(topology: Topology, artifacts: io.ModelArtifacts, graph: GraphBuilder): Map<string, string> {
  const weights = readWeights(artifacts);
  const tensors = new Map<string, string>();
  for (const layer of topology.layers) {
    const inputs = layer.inputs.map((name) => tensors.get(name) ?? name);
    if (layer.className === 'InputLayer') {
      // The graph keeps tfjs's NHWC at its edges; inside, ONNX convolutions work in NCHW.
      tensors.set(layer.name, graph.node('Transpose', [layer.name], `${layer.name}/nchw`, { perm: [0, 3, 1, 2] }));
      continue;
    }
    const convert = converters[layer.className];
    if (!convert) throw new Error(`layer ${layer.name} (${layer.className}) has no ONNX export`);
    const weight = (suffix: string) => {
      const found = weights.get(`${layer.name}/${suffix}`);
      if (!found) throw new Error(`layer ${layer.name} has no weight ${suffix}`);
      return found;
    };
    tensors.set(layer.name, convert({ graph, layer, inputs, weight }));
  }
  return tensors;
}

/** The ONNX graph of a tfjs layers model: NHWC float32 in and out, dynamic batch, height and width. */
export function onnxGraph(artifacts: io.ModelArtifacts): OnnxGraph {
  const topology = parseTopology(artifacts);
  const input = topology.layers.find((l) => l.name === topology.input && l.className === 'InputLayer');
  if (!input) throw new Error(`the model's input ${topology.input} is not an InputLayer`);
  const graph = new GraphBuilder();
  const tensors = convertLayers(topology, artifacts, graph);
  graph.node('Transpose', [tensors.get(topology.output)!], topology.output, { perm: [0, 2, 3, 1] });
  return graph.build(
    topology.name,
    [{ name: topology.input, dims: ['batch', 'height', 'width', inputChannels(input)] }],
    [{ name: topology.output, dims: ['batch', 'out_height', 'out_width', 'out_channels'] }],
  );
}

/** The bytes of model.onnx for a tfjs layers model's artifacts: pure, no file access. */
export function exportOnnx(artifacts: io.ModelArtifacts, info: ModelInfo): Uint8Array {
  return encodeModel(onnxGraph(artifacts), info);
}
