import type { AttributeValue } from '../graph';
import { convSchema } from '../layers';
import { FLOAT } from '../encode';
import type { TrainLayer, TrainLayerContext, TrainRule, Value, WeightInput } from './types';
import { convInputGradient } from './input-gradients';
import { biasGradient, convKernelGradient, transposedKernelGradient } from './weight-gradients';

function unsupported(context: TrainLayerContext, what: string): Error {
  return new Error(`layer ${context.layer.name}: ${what} has no onnxruntime training graph`);
}

/** tf kernels [h, w, in, out] (conv) and [h, w, out, in] (transposed) both become ONNX's order by this permutation. */
function onnxKernel(context: TrainLayerContext, kernel: WeightInput): string {
  return context.graph.node('Transpose', [kernel.input], `${context.layer.name}/kernel_onnx`, { perm: [3, 2, 0, 1] });
}

interface Linear {
  readonly z: string;
  readonly output: string;
  /** dz from the gradient of the output: through the ReLU (whose derivative is sign(relu(z))) or as is. */
  readonly dz: (gradient: string) => string;
}

function activation(context: TrainLayerContext, relu: boolean, build: (z: string) => string): Linear {
  const { graph, layer } = context;
  if (!relu) {
    const z = build(`${layer.name}/out`);
    return { z, output: z, dz: (g) => g };
  }
  const z = build(`${layer.name}/z`);
  const output = graph.node('Relu', [z], `${layer.name}/out`);
  // relu'(z) = (relu(z) > 0) as 0 or 1: Greater and Cast take less than half the time of Sign (docs/speed.md).
  const positive = graph.node('Greater', [output, graph.scalar(0)], `${layer.name}/relu_positive`);
  const mask = graph.node('Cast', [positive], `${layer.name}/relu_mask`, { to: FLOAT });
  return { z, output, dz: (g) => graph.node('Mul', [g, mask], `${layer.name}/dz`) };
}

function checkActivation(context: TrainLayerContext, name: string): boolean {
  if (name !== 'relu' && name !== 'linear') throw unsupported(context, `activation '${name}'`);
  return name === 'relu';
}

function weights(
  context: TrainLayerContext,
  useBias: boolean,
): { kernel: WeightInput; bias?: WeightInput; inputs: string[] } {
  const kernel = context.weight('kernel');
  const bias = useBias ? context.weight('bias') : undefined;
  const inputs = [context.inputs[0]!.name, onnxKernel(context, kernel), ...(bias ? [bias.input] : [])];
  return { kernel, ...(bias && { bias }), inputs };
}

interface Gradients {
  /** Writes the kernel's gradient from dz. */
  kernel(dz: Value): void;
  /** The input's gradient from dz. */
  input(dz: string): string;
}

/** A layer with a kernel and maybe a bias: backward goes through the activation, then to the weights and the input. */
function weightedLayer(
  context: TrainLayerContext,
  w: ReturnType<typeof weights>,
  linear: Linear,
  output: Value,
  gradients: Gradients,
): TrainLayer {
  return {
    output,
    backward(gradient, needsInput) {
      const dz: Value = { name: linear.dz(gradient), shape: output.shape };
      gradients.kernel(dz);
      if (w.bias) biasGradient(context.graph, dz.name, w.bias.gradient);
      return [needsInput[0] ? gradients.input(dz.name) : null];
    },
  };
}

/** Stride-1 convolution with an odd kernel, 'same' padding (or a 1x1 kernel). */
export const trainConv2d: TrainRule = (context) => {
  const c = convSchema.parse(context.layer.config);
  const [k, kw] = c.kernel_size;
  const dilated = c.dilation_rate && (c.dilation_rate[0] !== 1 || c.dilation_rate[1] !== 1);
  if (
    k !== kw ||
    k % 2 === 0 ||
    c.strides[0] !== 1 ||
    c.strides[1] !== 1 ||
    dilated ||
    (c.padding === 'valid' && k !== 1)
  ) {
    throw unsupported(
      context,
      `a ${c.kernel_size.join('x')} convolution with strides ${c.strides.join('x')} and '${c.padding}' padding`,
    );
  }
  const { graph, layer } = context;
  const x = context.inputs[0]!;
  const p = (k - 1) / 2;
  const w = weights(context, c.use_bias);
  const attributes: Record<string, AttributeValue> = { kernel_shape: [k, k], pads: [p, p, p, p] };
  const linear = activation(context, checkActivation(context, c.activation), (out) =>
    graph.node('Conv', w.inputs, out, attributes),
  );
  const output: Value = { name: linear.output, shape: [x.shape[0], w.kernel.shape[3]!, x.shape[2], x.shape[3]] };
  return weightedLayer(context, w, linear, output, {
    kernel: (dz) => convKernelGradient(graph, x, dz, k, w.kernel.gradient),
    input: (dz) => convInputGradient(graph, dz, w.inputs[1]!, k, `${layer.name}/dx`),
  });
};

/** Transposed convolution whose kernel equals its stride (the U-Net's 2x2, stride 2 upsampling). */
export const trainConv2dTranspose: TrainRule = (context) => {
  const c = convSchema.parse(context.layer.config);
  const [s, sw] = c.strides;
  if (s !== sw || c.kernel_size[0] !== s || c.kernel_size[1] !== s) {
    throw unsupported(
      context,
      `a ${c.kernel_size.join('x')} transposed convolution with strides ${c.strides.join('x')}`,
    );
  }
  const { graph, layer } = context;
  const x = context.inputs[0]!;
  const w = weights(context, c.use_bias);
  const attributes: Record<string, AttributeValue> = { kernel_shape: [s, s], strides: [s, s] };
  const linear = activation(context, checkActivation(context, c.activation), (out) =>
    graph.node('ConvTranspose', w.inputs, out, attributes),
  );
  const output: Value = {
    name: linear.output,
    shape: [x.shape[0], w.kernel.shape[2]!, x.shape[2] * s, x.shape[3] * s],
  };
  return weightedLayer(context, w, linear, output, {
    kernel: (dz) => transposedKernelGradient(graph, x, dz, s, w.kernel.gradient),
    input: (dz) => graph.node('Conv', [dz, w.inputs[1]!], `${layer.name}/dx`, attributes),
  });
};
