// The onnxruntime training graph alone (forward, MSE, backward of the default U-Net on a batch of 8 x 64 x 64 x 3),
// run again and again: CPU and wall milliseconds a step, per setting, alternated round by round; --profile writes
// onnxruntime's per-operator trace and prints the time per operator type.
// --base DIR: also the graph of another checkout's main/ (e.g. `git archive <commit> main | tar -x -C scratch/base`).
// Run: npx tsx bench/train-graph.ts [--threads 1,2] [--base scratch/base] [--steps 10] [--rounds 3] [--profile]
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { initBackend } from '../main/engine/backend';
import { netArtifacts } from '../main/engine/checkpoint';
import { buildNet, defaultNet } from '../main/engine/nets';
import { encodeModel } from '../main/engine/onnx/encode';
import { trainingGraph } from '../main/engine/onnx/train/training-graph';
import { nchwcBlockSize } from '../main/runtime/nchwc-block';
import { loadOrt, noSpinning } from '../main/runtime/predictor-ort';

const { values } = parseArgs({
  options: {
    threads: { type: 'string', default: '2' },
    base: { type: 'string' },
    nchwc: { type: 'string' },
    'blocked-only': { type: 'boolean', default: false },
    steps: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '3' },
    batch: { type: 'string', default: '8' },
    patch: { type: 'string', default: '64' },
    level: { type: 'string', default: 'all' },
    profile: { type: 'boolean', default: false },
  },
});
const steps = Number(values.steps);
const rounds = Number(values.rounds);
const shape = [Number(values.batch), Number(values.patch), Number(values.patch), 3] as const;

await initBackend('cpu');
const net = buildNet(defaultNet, 3, 3);
const artifacts = await netArtifacts(net);
// The output layer starts at zero (every other gradient would be zero): small pseudo-random kernels instead.
const weights = net.getWeights().map((w, i) => {
  const data = Float32Array.from(w.dataSync() as Float32Array);
  if (w.rank === 4 && data.every((v) => v === 0)) data.forEach((_, k) => (data[k] = (((k + i) * 0.618) % 1) - 0.5));
  return data;
});
const ort = await loadOrt();
const size = shape.reduce((a, b) => a * b, 1);
const input = new Float32Array(size).map((_, i) => (i * 0.618) % 1);
const target = new Float32Array(size).map((_, i) => (i * 0.382) % 1);
type Build = typeof trainingGraph;
const builders: [string, Build][] = [['this checkout', trainingGraph]];
// --nchwc B: also this checkout's graph with blocked convolutions of block B (0: the block onnxruntime reports).
if (values.nchwc !== undefined) {
  const block = Number(values.nchwc) || (await nchwcBlockSize(await loadOrt()));
  if (!block) throw new Error('onnxruntime has no blocked convolutions here');
  builders.push([`nchwc ${block}`, (a, s, g) => trainingGraph(a, s, g, undefined, block)]);
}
if (values.base) {
  const path = resolve(values.base, 'main/engine/onnx/train/training-graph.ts');
  const mod = (await import(pathToFileURL(path).href)) as { trainingGraph: Build };
  builders.push([values.base, mod.trainingGraph]);
  if (values.nchwc !== undefined) {
    const block = Number(values.nchwc) || (await nchwcBlockSize(await loadOrt()));
    if (block)
      builders.push([`${values.base}, nchwc ${block}`, (a, s, g) => mod.trainingGraph(a, s, g, undefined, block)]);
  }
}

interface Setting {
  label: string;
  session: Awaited<ReturnType<typeof ort.InferenceSession.create>>;
  feeds: Record<string, InstanceType<typeof ort.Tensor>>;
  outputs: string[];
  prefix: string;
  wall: number[];
  cpu: number[];
}
const settings: Setting[] = [];
let index = 0;
// --blocked-only: leave out the plain graphs (with --nchwc).
const chosen = values['blocked-only'] ? builders.filter(([name]) => name.includes('nchwc')) : builders;
for (const threads of values.threads.split(',').map(Number)) {
  for (const [spec, build] of chosen) {
    const graph = build(artifacts, shape);
    const bytes = encodeModel(graph.graph, { producerVersion: 'bench' });
    const prefix = `train-graph-${index++}`;
    const session = await ort.InferenceSession.create(bytes, {
      executionProviders: ['cpu'],
      graphOptimizationLevel: values.level as 'all',
      intraOpNumThreads: threads,
      extra: noSpinning,
      ...(values.profile && { enableProfiling: true, profileFilePrefix: `/tmp/${prefix}` }),
    });
    const feeds: Setting['feeds'] = {
      [graph.input]: new ort.Tensor('float32', input, [...shape]),
      [graph.target]: new ort.Tensor('float32', target, [...shape]),
    };
    graph.weights.forEach((w, i) => (feeds[w.input] = new ort.Tensor('float32', weights[i]!, [...w.shape])));
    const outputs = [graph.loss, ...graph.weights.map((w) => w.gradient)];
    settings.push({ label: `${threads} thread(s), ${spec}`, session, feeds, outputs, prefix, wall: [], cpu: [] });
  }
}

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

// Every setting's loss and gradients against the first's: the worst relative distance of a weight's gradient.
let reference: Float32Array[] | undefined;
for (const s of settings) {
  const result = await s.session.run(s.feeds);
  const arrays = s.outputs.map((name) => result[name]!.data as Float32Array);
  reference ??= arrays;
  let worst = 0;
  let worstName = '';
  arrays.forEach((a, i) => {
    const r = reference![i]!;
    let diff = 0;
    let norm = 0;
    for (let k = 0; k < a.length; k++) {
      diff += (a[k]! - r[k]!) ** 2;
      norm += r[k]! ** 2;
    }
    const d = Math.sqrt(diff / Math.max(norm, 1e-30));
    if (d > worst) [worst, worstName] = [d, s.outputs[i]!];
  });
  console.log(
    `${s.label}: loss ${arrays[0]![0]!.toPrecision(6)}, gradients within ${worst.toExponential(1)} of the first` +
      ` (${worstName})`,
  );
}
for (let r = 0; r < rounds; r++) {
  for (const s of settings) {
    const wall: number[] = [];
    const cpu: number[] = [];
    for (let k = 0; k < steps; k++) {
      const t = performance.now();
      const c = cpuMs();
      await s.session.run(s.feeds);
      cpu.push(cpuMs() - c);
      wall.push(performance.now() - t);
    }
    s.wall.push(median(wall));
    s.cpu.push(median(cpu));
    console.log(
      `round ${r + 1}, ${s.label}: ${median(wall).toFixed(1)} ms wall, ${median(cpu).toFixed(1)} ms CPU a step`,
    );
  }
}
for (const s of settings) {
  console.log(`${s.label}: median ${median(s.wall).toFixed(1)} ms wall, ${median(s.cpu).toFixed(1)} ms CPU`);
}

interface TraceEvent {
  cat: string;
  name: string;
  dur: number;
  args?: { op_name?: string };
}
if (values.profile) {
  for (const s of settings) {
    await s.session.endProfiling();
    const name = readdirSync('/tmp').find((f) => f.startsWith(`${s.prefix}_`) && f.endsWith('.json'));
    if (!name) continue;
    const file = `/tmp/${name}`;
    const events = (JSON.parse(readFileSync(file, 'utf8')) as TraceEvent[]).filter(
      (e) => e.cat === 'Node' && e.name.endsWith('_kernel_time'),
    );
    // Per node, the median over the runs (the first run allocates, so means overstate).
    const byNode = new Map<string, { op: string; us: number[] }>();
    for (const e of events) {
      const entry = byNode.get(e.name) ?? { op: e.args?.op_name ?? '?', us: [] };
      entry.us.push(e.dur);
      byNode.set(e.name, entry);
    }
    const byOp = new Map<string, { us: number; count: number }>();
    let total = 0;
    for (const { op, us } of byNode.values()) {
      const m = median(us);
      const entry = byOp.get(op) ?? { us: 0, count: 0 };
      entry.us += m;
      entry.count++;
      byOp.set(op, entry);
      total += m;
    }
    console.log(`\nprofile of ${s.label}: operators' median kernel time ${(total / 1000).toFixed(1)} ms a run`);
    for (const [op, { us, count }] of [...byOp].sort((a, b) => b[1].us - a[1].us)) {
      const share = ((100 * us) / total).toFixed(1);
      console.log(`  ${op.padEnd(22)} ${(us / 1000).toFixed(1).padStart(7)} ms  ${share.padStart(5)}%  ${count} nodes`);
    }
    console.log('  top nodes:');
    const nodes = [...byNode].map(([n, { us }]) => [n, median(us)] as const).sort((a, b) => b[1] - a[1]);
    for (const [n, us] of nodes.slice(0, Number(process.env.TOP ?? 20))) {
      console.log(`    ${n.replace('_kernel_time', '').padEnd(50)} ${(us / 1000).toFixed(2)} ms`);
    }
    if (!process.env.KEEP_PROFILE) rmSync(file);
  }
}
for (const s of settings) await s.session.release();
