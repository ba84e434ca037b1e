// Issue 22's training check alone: the engine's training step (onnxruntime gradients + wasm, the app's default;
// each in a process of its own) alternated with PyTorch's (1 thread and one per core, the faster counts),
// round after round; the median of the per-round ratios. --base DIR also runs another checkout's step each
// round (e.g. `git archive <commit> main | tar -x -C scratch/base`), to compare two versions under one load.
// Run: npx tsx bench/train-rounds.ts [--rounds 5] [--steps 5] [--warmup 2] [--base scratch/base]
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { defaultNet } from '../main/engine/nets';
import { runProbe } from '../main/tasks/bench/speed-spawn';
import { runTorchPart } from '../main/tasks/bench/speed-torch';
import type { SpeedJob } from '../main/tasks/bench/speed-types';
import { median } from '../main/tasks/bench/speed-types';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '5' },
    steps: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '2' },
    base: { type: 'string' },
  },
});
const rounds = Number(values.rounds);
const steps = Number(values.steps);
const warmup = Number(values.warmup);
const TIMEOUT = 10 * 60_000;
const job: SpeedJob = { kind: 'train', backend: 'wasm', net: defaultNet, warmup, steps, gradients: 'onnxruntime' };

type Probe = typeof runProbe;
const sides: [string, Probe][] = [['ours', runProbe]];
if (values.base) {
  const path = resolve(values.base, 'main/tasks/bench/speed-spawn.ts');
  sides.push([values.base, ((await import(pathToFileURL(path).href)) as { runProbe: Probe }).runProbe]);
}

const ratios = new Map<string, number[]>(sides.map(([name]) => [name, []]));
console.log(`load average ${loadavg()[0]!.toFixed(1)} at start; ${steps} steps after ${warmup}, median`);
console.log(`| round | ${sides.map(([n]) => `${n}, ms (CPU)`).join(' | ')} | PyTorch, ms (CPU), threads | ratio |`);
console.log(`|---|${sides.map(() => '---|').join('')}---|---|`);
for (let r = 1; r <= rounds; r++) {
  const ours: { ms: number; cpuMs: number }[] = [];
  for (const [name, probe] of sides) {
    const result = await probe(job, TIMEOUT);
    if (!result.ok) throw new Error(`${name}: ${result.reason}`);
    ours.push(result);
  }
  const torch = [];
  for (const threads of [...new Set([1, cpus().length])]) {
    torch.push(await runTorchPart({ threads, steps, runs: 1, size: 64 }, 'train', TIMEOUT));
  }
  const best = torch.reduce((a, b) => (b.ms < a.ms ? b : a));
  sides.forEach(([name], i) => ratios.get(name)!.push(ours[i]!.ms / best.ms));
  const cells = ours.map((o) => `${o.ms.toFixed(0)} (${o.cpuMs.toFixed(0)})`);
  const shown = sides.map(([name]) => ratios.get(name)!.at(-1)!.toFixed(2)).join(' / ');
  console.log(
    `| ${r} | ${cells.join(' | ')} | ${best.ms.toFixed(0)} (${best.cpuMs.toFixed(0)}), ${best.threads} | ${shown} |`,
  );
}
for (const [name] of sides) console.log(`median ratio, ${name}: ${median(ratios.get(name)!).toFixed(2)}`);
console.log(`load average ${loadavg()[0]!.toFixed(1)} at the end`);
