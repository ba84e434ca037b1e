import type { AttributeValue } from '../graph';
import { convSchema } from '../layers';
import { FLOAT } from '../encode';
import type { TrainLayer, TrainLayerContext, TrainRule, Value, WeightInput } from './types';
import { convInputGradient, rotated } from './input-gradients';
import { blockedFilter, nchwcConv, nchwcFits, reorderInput, reorderOutput } from './nchwc';
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
  /** dz from the gradient of the output: through the ReLU (whose derivative is relu(z) > 0) or as is. */
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
  return { z, output, dz: reluBackward(context, output) };
}

function checkActivation(context: TrainLayerContext, name: string): boolean {
  if (name !== 'relu' && name !== 'linear') throw unsupported(context, `activation '${name}'`);
  return name === 'relu';
}

function weights(context: TrainLayerContext, useBias: boolean): { kernel: WeightInput; bias?: WeightInput } {
  const kernel = context.weight('kernel');
  const bias = useBias ? context.weight('bias') : undefined;
  return { kernel, ...(bias && { bias }) };
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

/** The ReLU's backward: relu'(z) = (relu(z) > 0) as 0 or 1 (Greater and Cast take less than half Sign's time). */
function reluBackward(context: TrainLayerContext, output: string): (gradient: string) => string {
  const { graph, layer } = context;
  const positive = graph.node('Greater', [output, graph.scalar(0)], `${layer.name}/relu_positive`);
  const mask = graph.node('Cast', [positive], `${layer.name}/relu_mask`, { to: FLOAT });
  return (g) => graph.node('Mul', [g, mask], `${layer.name}/dz`);
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
  const { graph, layer, nchwcBlock: block } = context;
  const x = context.inputs[0]!;
  const p = (k - 1) / 2;
  const w = weights(context, c.use_bias);
  const [cin, cout] = [w.kernel.shape[2]!, w.kernel.shape[3]!];
  const relu = checkActivation(context, c.activation);
  const attributes: Record<string, AttributeValue> = { kernel_shape: [k, k], pads: [p, p, p, p] };
  const bias = w.bias ? [w.bias.input] : [];
  let kernelOnnx: string | undefined;
  const onnxWeights = () => (kernelOnnx ??= onnxKernel(context, w.kernel));
  let linear: Linear;
  let blocked: string | undefined;
  if (nchwcFits(block, cin, cout)) {
    // x as the previous blocked convolution left it, else reordered (or as it is, under a block of channels).
    const xIn = x.blocked ?? (cin < block ? x.name : reorderInput(graph, x.name, `${layer.name}/x_blocked`));
    const filter = blockedFilter(graph, w.kernel.input, k, cin, cout, block, false, `${layer.name}/kernel_blocked`);
    blocked = nchwcConv(graph, [xIn, filter, ...bias], `${layer.name}/out_blocked`, attributes, relu);
    const out = reorderOutput(graph, blocked, cout, `${layer.name}/out`);
    linear = { z: out, output: out, dz: relu ? reluBackward(context, out) : (g) => g };
  } else {
    linear = activation(context, relu, (out) => graph.node('Conv', [x.name, onnxWeights(), ...bias], out, attributes));
  }
  const output: Value = {
    name: linear.output,
    shape: [x.shape[0], cout, x.shape[2], x.shape[3]],
    ...(blocked && { blocked }),
  };
  return weightedLayer(context, w, linear, output, {
    kernel: (dz) => convKernelGradient(graph, x, dz, k, w.kernel.gradient),
    input: (dz) => {
      // dx is the convolution of dz (cout channels) by the rotated kernel, to cin channels.
      if (!nchwcFits(block, cout, cin)) return convInputGradient(graph, dz, onnxWeights(), k, `${layer.name}/dx`);
      const dzIn = cout < block ? dz : reorderInput(graph, dz, `${layer.name}/dz_blocked`);
      const turned = rotated(graph, w.kernel.input, k, [0, 1], `${layer.name}/kernel_rotated`);
      const filter = blockedFilter(graph, turned, k, cout, cin, block, true, `${layer.name}/kernel_dx_blocked`);
      const dx = nchwcConv(graph, [dzIn, filter], `${layer.name}/dx_blocked`, attributes, false);
      return reorderOutput(graph, dx, cin, `${layer.name}/dx`);
    },
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
  const kernel = onnxKernel(context, w.kernel);
  const attributes: Record<string, AttributeValue> = { kernel_shape: [s, s], strides: [s, s] };
  const inputs = [x.name, kernel, ...(w.bias ? [w.bias.input] : [])];
  const linear = activation(context, checkActivation(context, c.activation), (out) =>
    graph.node('ConvTranspose', inputs, out, attributes),
  );
  const output: Value = {
    name: linear.output,
    shape: [x.shape[0], w.kernel.shape[2]!, x.shape[2] * s, x.shape[3] * s],
  };
  return weightedLayer(context, w, linear, output, {
    kernel: (dz) => transposedKernelGradient(graph, x, dz, s, w.kernel.gradient),
    input: (dz) => graph.node('Conv', [dz, kernel], `${layer.name}/dx`, attributes),
  });
};
