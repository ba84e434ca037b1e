// Speed of the wasm gradient kernels against XNNPACK's forward convolution, and one U-Net training step.
// Run: npx tsx bench/kernels.ts   (single-threaded wasm)
import os from 'node:os';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import '@tensorflow/tfjs-layers';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { registerWasmKernels } from '../main/engine/kernels/register';
import { buildUnet } from '../main/engine/nets/unet';

interface Layer {
  name: string;
  size: number;
  inC: number;
  outC: number;
  k: number;
  stride: number;
}
const batch = 8;
const layers: Layer[] = [
  { name: 'down0_a', size: 64, inC: 3, outC: 32, k: 3, stride: 1 },
  { name: 'down0_b', size: 64, inC: 32, outC: 32, k: 3, stride: 1 },
  { name: 'down1_a', size: 32, inC: 32, outC: 64, k: 3, stride: 1 },
  { name: 'down1_b', size: 32, inC: 64, outC: 64, k: 3, stride: 1 },
  { name: 'down2_a', size: 16, inC: 64, outC: 128, k: 3, stride: 1 },
  { name: 'down2_b', size: 16, inC: 128, outC: 128, k: 3, stride: 1 },
  { name: 'up1 (T)', size: 32, inC: 64, outC: 128, k: 2, stride: 2 },
  { name: 'up1_a', size: 32, inC: 128, outC: 64, k: 3, stride: 1 },
  { name: 'up1_b', size: 32, inC: 64, outC: 64, k: 3, stride: 1 },
  { name: 'up0 (T)', size: 64, inC: 32, outC: 64, k: 2, stride: 2 },
  { name: 'up0_a', size: 64, inC: 64, outC: 32, k: 3, stride: 1 },
  { name: 'up0_b', size: 64, inC: 32, outC: 32, k: 3, stride: 1 },
  { name: 'residual', size: 64, inC: 32, outC: 3, k: 1, stride: 1 },
];

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Least CPU time of `reps` calls after one warm-up: single-threaded, it is the wall time of an idle machine. */
function minMs(f: () => void, reps: number): number {
  f();
  let best = Infinity;
  for (let i = 0; i < reps; i++) {
    const t0 = cpuMs();
    f();
    best = Math.min(best, cpuMs() - t0);
  }
  return best;
}

/** Times a kernel on a layer: x of the forward convolution, its filter, and dy of its output. */
function kernelTimes(l: Layer, original: tf.KernelFunc | undefined): string {
  const x = tf.randomNormal([batch, l.size, l.size, l.inC]) as tf.Tensor4D;
  const w = tf.randomNormal([l.k, l.k, l.inC, l.outC]) as tf.Tensor4D;
  const pad = l.k === l.stride ? 'valid' : 'same';
  const dy = tf.conv2d(x, w, l.stride, pad);
  const attrs = { strides: l.stride, pad, dataFormat: 'NHWC' };
  const run = (name: string, inputs: tf.NamedTensorMap, more: object) => () =>
    tf.dispose(tf.engine().runKernel(name, inputs, { ...attrs, ...more }) as tf.Tensor);
  const fwd = minMs(() => tf.dispose(tf.conv2d(x, w, l.stride, pad)), 5);
  const input = minMs(run('Conv2DBackpropInput', { dy, filter: w }, { inputShape: x.shape }), 5);
  const filter = minMs(run('Conv2DBackpropFilter', { x, dy }, { filterShape: w.shape }), 5);
  const backend = tf.backend() as BackendWasm;
  const call = () =>
    backend.disposeData(
      (original!({ inputs: { dy, filter: w }, backend, attrs: { ...attrs, inputShape: x.shape } }) as tf.TensorInfo)
        .dataId,
    );
  const old = original ? minMs(call, 1) : NaN;
  tf.dispose([x, w, dy]);
  const gflops = (2 * batch * dy.shape[1] * dy.shape[2] * l.k * l.k * l.inC * l.outC) / 1e6;
  const cells = [fwd, input, filter, old].map((v) => v.toFixed(1).padStart(10));
  return `${l.name.padEnd(9)} ${`${l.size}x${l.size} ${l.inC}->${l.outC} k${l.k}s${l.stride}`.padEnd(20)} ${gflops.toFixed(0).padStart(6)} ${cells.join('')}`;
}

/** Wall and CPU ms of each of 5 steps after 2 warm-ups; CPU time shows the cost when other work shares the cores. */
function trainingStep(): { wall: number[]; cpu: number[] } {
  const model = buildUnet(3, 32, 3, 1);
  const optimizer = tf.train.adam(1e-3);
  const x = tf.randomUniform([batch, 64, 64, 3]);
  const target = tf.randomUniform([batch, 64, 64, 3]);
  const step = () =>
    tf.tidy(() => {
      const loss = optimizer.minimize(() => tf.losses.meanSquaredError(target, model.apply(x) as tf.Tensor), true);
      loss?.dataSync();
    });
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < 7; i++) {
    const [t0, c0] = [performance.now(), cpuMs()];
    step();
    if (i >= 2) wall.push(performance.now() - t0);
    if (i >= 2) cpu.push(cpuMs() - c0);
  }
  tf.dispose([x, target]);
  optimizer.dispose();
  model.dispose();
  return { wall: wall.sort((a, b) => a - b), cpu: cpu.sort((a, b) => a - b) };
}

await tf.setBackend('wasm');
await tf.ready();
const original = tf.getKernel('Conv2DBackpropInput', 'wasm')?.kernelFunc;
registerWasmKernels();
console.log(`wasm backend, batch ${batch}; CPU ms per call (least of 5; the backend's own backprop-input: 1 call)`);
console.log(
  `${'layer'.padEnd(9)} ${'shape'.padEnd(20)} ${'MFLOP'.padStart(6)}${['forward', 'bp-input', 'bp-filter', 'old bp-in'].map((h) => h.padStart(10)).join('')}`,
);
for (const l of layers) console.log(kernelTimes(l, original));
const { wall, cpu } = trainingStep();
const list = (t: number[]) => t.map((v) => v.toFixed(0)).join(', ');
console.log(`U-Net 32-64-128 training step, batch ${batch} of 64x64x3, Adam, MSE (5 steps after 2 warm-ups):`);
console.log(
  `  wall median ${wall[2]!.toFixed(0)} ms (${list(wall)}); CPU median ${cpu[2]!.toFixed(0)} ms (${list(cpu)})`,
);
console.log(`  load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores`);
