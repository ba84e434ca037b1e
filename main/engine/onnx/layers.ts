import { z } from 'zod';
import type { AttributeValue, GraphBuilder } from './graph';
import type { TopologyLayer } from './topology';
import type { Weight } from './weights';
import { permute4 } from './weights';

/** What a converter sees: the layer, its inputs as NCHW tensor names, and its weights by suffix ('kernel'). */
export interface LayerContext {
  readonly graph: GraphBuilder;
  readonly layer: TopologyLayer;
  readonly inputs: readonly string[];
  weight(suffix: string): Weight;
}

/** Adds a layer's nodes to the graph and returns the name of its NCHW output. */
export type Converter = (context: LayerContext) => string;

export const pair = z.tuple([z.number().int().positive(), z.number().int().positive()]);
export const windowSchema = z.object({
  strides: pair,
  padding: z.enum(['same', 'valid']),
  data_format: z.literal('channels_last').optional(),
});
export const convSchema = windowSchema.extend({
  kernel_size: pair,
  dilation_rate: pair.optional(),
  activation: z.string(),
  use_bias: z.boolean(),
});

function output(layer: TopologyLayer): string {
  return `${layer.name}/out`;
}

function activate({ graph, layer }: LayerContext, activation: string, build: (out: string) => string): string {
  if (activation === 'linear') return build(output(layer));
  if (activation === 'relu') return graph.node('Relu', [build(`${layer.name}/linear`)], output(layer));
  throw new Error(`layer ${layer.name}: activation '${activation}' has no ONNX export (relu and linear do)`);
}

/** tf kernels are [h, w, in, out] (conv) or [h, w, out, in] (transposed conv); ONNX wants [out, in, h, w] and [in, out, h, w]. */
function weightInputs(context: LayerContext, useBias: boolean): string[] {
  const { graph, layer } = context;
  const kernel = permute4(context.weight('kernel'), [3, 2, 0, 1]);
  const names = [context.inputs[0]!, graph.weight(`${layer.name}/kernel`, kernel.shape, kernel.data)];
  if (useBias) {
    const bias = context.weight('bias');
    names.push(graph.weight(`${layer.name}/bias`, bias.shape, bias.data));
  }
  return names;
}

// SAME_UPPER puts the odd pixel of padding after, as TensorFlow's 'same' does.
const autoPad = (padding: 'same' | 'valid') => (padding === 'same' ? 'SAME_UPPER' : 'VALID');

const conv2d: Converter = (context) => {
  const c = convSchema.parse(context.layer.config);
  const attributes: Record<string, AttributeValue> = {
    kernel_shape: c.kernel_size,
    strides: c.strides,
    dilations: c.dilation_rate ?? [1, 1],
    auto_pad: autoPad(c.padding),
  };
  return activate(context, c.activation, (out) =>
    context.graph.node('Conv', weightInputs(context, c.use_bias), out, attributes),
  );
};

/** TensorFlow's transposed conv gives in x stride ('same') or (in - 1) x stride + max(kernel, stride) ('valid'). */
function transposePadding(
  kernel: number,
  stride: number,
  padding: 'same' | 'valid',
): { begin: number; end: number; extra: number } {
  const total = padding === 'same' ? Math.max(kernel - stride, 0) : 0;
  return { begin: Math.floor(total / 2), end: total - Math.floor(total / 2), extra: Math.max(stride - kernel, 0) };
}

const conv2dTranspose: Converter = (context) => {
  const c = convSchema.parse(context.layer.config);
  if (c.dilation_rate && (c.dilation_rate[0] !== 1 || c.dilation_rate[1] !== 1))
    throw new Error(`layer ${context.layer.name}: dilated transposed convolution has no ONNX export`);
  const [py, px] = [0, 1].map((i) => transposePadding(c.kernel_size[i]!, c.strides[i]!, c.padding));
  const attributes: Record<string, AttributeValue> = {
    kernel_shape: c.kernel_size,
    strides: c.strides,
    pads: [py!.begin, px!.begin, py!.end, px!.end],
    output_padding: [py!.extra, px!.extra],
  };
  return activate(context, c.activation, (out) =>
    context.graph.node('ConvTranspose', weightInputs(context, c.use_bias), out, attributes),
  );
};

const maxPooling2d: Converter = ({ graph, layer, inputs }) => {
  const c = windowSchema.extend({ pool_size: pair }).parse(layer.config);
  return graph.node('MaxPool', [inputs[0]!], output(layer), {
    kernel_shape: c.pool_size,
    strides: c.strides,
    auto_pad: autoPad(c.padding),
  });
};

const NCHW_AXIS_OF_NHWC = [0, 2, 3, 1];

const concatenate: Converter = ({ graph, layer, inputs }) => {
  const { axis } = z.object({ axis: z.number().int().min(-4).max(3) }).parse(layer.config);
  return graph.node('Concat', inputs, output(layer), { axis: NCHW_AXIS_OF_NHWC[(axis + 4) % 4]! });
};

const add: Converter = ({ graph, layer, inputs }) =>
  graph.node(inputs.length === 2 ? 'Add' : 'Sum', inputs, output(layer));

/** The tf.layers classes our networks use (main/engine/nets), by class name. */
export const converters: Readonly<Record<string, Converter>> = {
  Conv2D: conv2d,
  Conv2DTranspose: conv2dTranspose,
  MaxPooling2D: maxPooling2d,
  Concatenate: concatenate,
  Add: add,
};
