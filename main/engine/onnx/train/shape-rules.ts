import { z } from 'zod';
import { pair, windowSchema } from '../layers';
import type { TrainRule, Value } from './types';

/** Max-pooling, window = stride: the gradient goes to the pixel that held each window's maximum (the first on ties). */
export const trainMaxPooling2d: TrainRule = ({ graph, layer, inputs }) => {
  const c = windowSchema.extend({ pool_size: pair }).parse(layer.config);
  const x = inputs[0]!;
  const [n, ch, h, w] = x.shape;
  const s = c.strides[0];
  if (c.pool_size[0] !== s || c.pool_size[1] !== s || c.strides[1] !== s || h % s !== 0 || w % s !== 0) {
    throw new Error(
      `layer ${layer.name}: pooling ${c.pool_size.join('x')} with strides ${c.strides.join('x')} on ${h}x${w} has no onnxruntime training graph`,
    );
  }
  const attributes = { kernel_shape: [s, s], strides: [s, s] };
  // MaxPool's second output: where each window's maximum is (an index into the whole tensor); MaxUnpool sends
  // the gradient back there. One copy, against broadcasting the max and the gradient back up and comparing.
  const [pooled, argmax] = graph.nodeOutputs(
    'MaxPool',
    [x.name],
    [`${layer.name}/out`, `${layer.name}/argmax`],
    attributes,
  ) as [string, string];
  return {
    output: { name: pooled, shape: [n, ch, h / s, w / s] },
    backward(gradient, needsInput) {
      if (!needsInput[0]) return [null];
      return [graph.node('MaxUnpool', [gradient, argmax, graph.ints([n, ch, h, w])], `${layer.name}/dx`, attributes)];
    },
  };
};

const NCHW_AXIS_OF_NHWC = [0, 2, 3, 1];

export const trainConcatenate: TrainRule = ({ graph, layer, inputs }) => {
  const { axis } = z.object({ axis: z.number().int().min(-4).max(3) }).parse(layer.config);
  const onnxAxis = NCHW_AXIS_OF_NHWC[(axis + 4) % 4]!;
  if (onnxAxis !== 1)
    throw new Error(
      `layer ${layer.name}: concatenation along axis ${axis} has no onnxruntime training graph (channels do)`,
    );
  const shape = inputs[0]!.shape;
  const channels = inputs.reduce((sum, v) => sum + v.shape[1], 0);
  const output: Value = {
    name: graph.node(
      'Concat',
      inputs.map((v) => v.name),
      `${layer.name}/out`,
      { axis: 1 },
    ),
    shape: [shape[0], channels, shape[2], shape[3]],
  };
  return {
    output,
    backward(gradient) {
      const names = inputs.map((_, i) => `${layer.name}/d${i}`);
      return graph.nodeOutputs('Split', [gradient, graph.ints(inputs.map((v) => v.shape[1]))], names, { axis: 1 });
    },
  };
};

export const trainAdd: TrainRule = ({ graph, layer, inputs }) => {
  const output: Value = {
    name: graph.node(
      inputs.length === 2 ? 'Add' : 'Sum',
      inputs.map((v) => v.name),
      `${layer.name}/out`,
    ),
    shape: inputs[0]!.shape,
  };
  return { output, backward: (gradient, needsInput) => needsInput.map((needed) => (needed ? gradient : null)) };
};
