// Training step time of the default U-Net (batch 8 of 64x64x3, wasm) on 1 thread and on N data-parallel workers.
// Run: npx tsx bench/parallel.ts [workers=2] [steps=5] [warmup=2]
// Wall and CPU time (the whole process, worker threads included) per step, median after warm-up, with the load.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../main/engine/backend';
import { makeImage } from '../main/engine/image';
import { buildNet, defaultNet } from '../main/engine/nets';
import { assignFlat, flatten } from '../main/engine/parallel/flat-weights';
import { Rng } from '../main/engine/random/rng';
import { splitData } from '../main/engine/train/data';
import { defaultTrainOptions } from '../main/engine/train/options';
import type { TrainRun } from '../main/engine/train/trainer';
import { train } from '../main/engine/train/trainer';
import { startGradientWorkers } from '../main/tasks/parallel-workers';

const [workers = 2, steps = 5, warmup = 2] = process.argv.slice(2).map(Number);

function randomImages(count: number, size: number): TrainRun['data'] {
  const rng = new Rng(7);
  const images = Array.from({ length: count }, (_, i) => {
    const data = new Float32Array(size * size * 3);
    for (let k = 0; k < data.length; k++) data[k] = rng.uniform();
    return { name: `random-${i}`, image: makeImage(size, size, 3, data) };
  });
  return splitData(images, undefined, 1);
}

interface StepTime { wallMs: number; cpuMs: number; mainMs: number }

/** CPU milliseconds of this (main) thread alone, Linux only: the serial part of a data-parallel step. */
function mainThreadCpuMs(): number {
  try {
    const fields = readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10; // utime + stime, in ticks of 10 ms (USER_HZ 100)
  } catch {
    return Number.NaN;
  }
}

async function stepTimes(gradients: TrainRun['gradients']): Promise<StepTime[]> {
  const options = {
    ...defaultTrainOptions, noise: { family: 'gaussian', sigma: 0.1 } as const,
    steps: warmup + steps, evalEvery: 1e9, checkpointEvery: 1e9, validationPatches: 1,
  };
  const run: TrainRun = { data: randomImages(2, 128), options, peak: 1, appVersion: 'bench', gradients };
  const times: StepTime[] = [];
  let wall = performance.now();
  let cpu = process.cpuUsage();
  let main = mainThreadCpuMs();
  for await (const event of train(run)) {
    if (event.kind !== 'step') continue;
    const used = process.cpuUsage(cpu);
    times.push({ wallMs: performance.now() - wall, cpuMs: (used.user + used.system) / 1000, mainMs: mainThreadCpuMs() - main });
    wall = performance.now();
    cpu = process.cpuUsage();
    main = mainThreadCpuMs();
  }
  return times.slice(warmup);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** What sending the weights each step costs: read them here, copy them across, write them there. */
function weightSyncMs(): number {
  const net = buildNet(defaultNet, 3, 1);
  const variables = net.trainableWeights.map((w) => w.read() as tf.Variable);
  const started = performance.now();
  for (let i = 0; i < 10; i++) assignFlat(variables, structuredClone(flatten(variables)));
  net.dispose();
  return (performance.now() - started) / 10;
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

/**
 * Wall and CPU medians; the main thread's CPU (mean: its clock ticks are coarse); and, for workers, the wall
 * time an idle machine with a core per worker would give: the main thread's serial part plus the rest shared.
 */
function row(label: string, times: StepTime[], count: number): string {
  const wall = median(times.map((t) => t.wallMs));
  const cpu = median(times.map((t) => t.cpuMs));
  const main = mean(times.map((t) => t.mainMs));
  const idle = count > 1 ? `   idle-machine estimate ${(main + (cpu - main) / count).toFixed(0)} ms` : '';
  const load = os.loadavg().map((l) => l.toFixed(2)).join(' ');
  return `${label.padEnd(18)} wall ${wall.toFixed(0).padStart(5)} ms   cpu ${cpu.toFixed(0).padStart(5)} ms   main thread cpu ${main.toFixed(0).padStart(5)} ms${idle}   load ${load}`;
}

await initBackend('wasm');
console.log(`default U-Net, batch ${defaultTrainOptions.batch} of ${defaultTrainOptions.patch}x${defaultTrainOptions.patch}x3, wasm; ${os.cpus().length} cores; median of ${steps} after ${warmup} warm-up`);
console.log(`weight sync (read, copy, assign) ${weightSyncMs().toFixed(1)} ms per worker per step`);
console.log(row('1 thread', await stepTimes(undefined), 1));
console.log(row(`${workers} workers`, await stepTimes(startGradientWorkers({ count: workers, backend: 'wasm' })), workers));
console.log(row('1 thread (again)', await stepTimes(undefined), 1));
