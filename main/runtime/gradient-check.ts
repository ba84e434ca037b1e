import { ShardModel } from '../engine/parallel/shard-model';
import type { BatchShape, GradientComputer, ShardSetup } from '../engine/train/gradients';
import { readWeights } from '../engine/onnx/weights';
import { parseTopology } from '../engine/onnx/topology';

/** Relative L2 distance of two gradient vectors (Infinity when their sizes differ or a value is not finite). */
export function relativeDistance(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return Infinity;
  let num = 0;
  let den = 0;
  for (let i = 0; i < a.length; i++) {
    num += (a[i]! - b[i]!) ** 2;
    den += b[i]! ** 2;
  }
  const d = Math.sqrt(num / Math.max(den, 1e-30));
  return Number.isFinite(d) ? d : Infinity;
}

const pseudoRandom = (i: number, salt: number) => (((Math.sin(i * 12.9898 + salt) * 43758.5453) % 1) + 1) % 1;

function probeShape(setup: ShardSetup): BatchShape {
  const topology = parseTopology(setup.artifacts);
  const pools = topology.layers.filter((l) => l.className === 'MaxPooling2D').length;
  const input = topology.layers.find((l) => l.name === topology.input)?.config.batch_input_shape;
  const channels = Array.isArray(input) ? input[3] : undefined;
  if (typeof channels !== 'number') throw new Error('the network input has no channel count');
  return [2, Math.max(16, 2 ** (pools + 1)), Math.max(16, 2 ** (pools + 1)), channels];
}

/**
 * Largest disagreement between a gradient computer and TensorFlow.js (this thread's backend) on a fixed probe
 * batch, at the model's weights plus a fixed perturbation: a zero-initialised output layer would otherwise
 * leave every other gradient at zero and the check blind to them.
 */
export async function gradientDisagreement(compute: GradientComputer, setup: ShardSetup): Promise<number> {
  const shape = probeShape(setup);
  const size = shape.reduce((a, b) => a * b, 1);
  const input = Float32Array.from({ length: size }, (_, i) => pseudoRandom(i, 1) * setup.scale);
  const target = Float32Array.from({ length: size }, (_, i) => pseudoRandom(i, 2) * setup.scale);
  const base = [...readWeights(setup.artifacts).values()].flatMap((w) => [...w.data]);
  const weights = Float32Array.from(base, (v, i) => v + 0.05 * (pseudoRandom(i, 3) - 0.5));
  const reference = await ShardModel.create(setup);
  try {
    const want = reference.compute(weights, input, target, shape);
    const got = await compute(weights, input, target, shape);
    const lossGap = Math.abs(got.loss - want.loss) / Math.max(Math.abs(want.loss), 1e-30);
    return Math.max(lossGap, relativeDistance(got.gradients, want.gradients));
  } finally {
    reference.dispose();
  }
}
