// Peak memory (RSS) while denoising big images: a 24 MP RGB JPEG and float32 SAR scenes of 10000 x 2500 and
// 10000 x 10000, each in a fresh process, with a tiny random network (DnCNN 8 x 3, --mc 1): what is measured is
// the memory bound of reading, denoising and writing, not the network's quality.
// Run: npx tsx bench/memory.ts [--keep] [case ...]
// (cases: photo-24mp photo-24mp-whole sar-25mp sar-100mp; only when named: sar-100mp-gray sar-100mp-whole, 1.4 GB)
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend } from '../main/engine/backend';
import { denoiseTask } from '../main/tasks/denoise/denoise-task';
import { makePhoto, makeSar, makeModel } from './memory-inputs';

interface Case {
  readonly name: string;
  readonly input: string;
  readonly model: 'photo' | 'sar' | 'gray';
  /** Band threshold in pixels: Infinity forces the whole-image path. */
  readonly threshold?: number;
  readonly ratio?: boolean;
  /** Run only when named. */
  readonly optional?: boolean;
}

const CASES: readonly Case[] = [
  { name: 'photo-24mp', input: 'photo-6000x4000.jpg', model: 'photo' },
  { name: 'photo-24mp-whole', input: 'photo-6000x4000.jpg', model: 'photo', threshold: Infinity },
  { name: 'sar-25mp', input: 'sar-10000x2500.tif', model: 'sar', ratio: true },
  { name: 'sar-100mp', input: 'sar-10000x10000.tif', model: 'sar', ratio: true },
  // A speckle model always takes the band path (zero borders): a Gaussian one compares the two paths.
  { name: 'sar-100mp-gray', input: 'sar-10000x10000.tif', model: 'gray', optional: true },
  { name: 'sar-100mp-whole', input: 'sar-10000x10000.tif', model: 'gray', threshold: Infinity, optional: true },
];

interface Measured {
  readonly peakMiB: number;
  readonly startMiB: number;
  readonly seconds: number;
}

/** In the child: one denoising run, then its peak RSS (the kernel's high-water mark for this process). */
async function child(name: string, dir: string): Promise<void> {
  const spec = CASES.find((c) => c.name === name)!;
  await initBackend('wasm');
  const startMiB = process.memoryUsage().rss / 2 ** 20;
  const started = performance.now();
  const result = await denoiseTask({
    model: join(dir, `model-${spec.model}`),
    input: join(dir, spec.input),
    output: join(dir, `out-${name}`),
    mc: 1,
    backend: 'wasm',
    inference: 'tfjs',
    sar: { ratio: spec.ratio },
    bands: { threshold: spec.threshold },
  });
  if (result.failures.length > 0) throw new Error(result.failures.map((f) => `${f.file}: ${f.reason}`).join('; '));
  const measured: Measured = {
    peakMiB: process.resourceUsage().maxRSS / 1024,
    startMiB,
    seconds: (performance.now() - started) / 1000,
  };
  process.stdout.write(`${JSON.stringify(measured)}\n`);
}

function run(name: string, dir: string): Measured {
  const r = spawnSync(process.execPath, ['--import', 'tsx', import.meta.filename, '--child', name, dir], {
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`${name} failed:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Measured;
}

async function prepare(dir: string, cases: readonly Case[]): Promise<void> {
  const inputs = new Set(cases.map((c) => c.input));
  if (inputs.has('photo-6000x4000.jpg')) await makePhoto(join(dir, 'photo-6000x4000.jpg'), 6000, 4000);
  if (inputs.has('sar-10000x2500.tif')) await makeSar(join(dir, 'sar-10000x2500.tif'), 10000, 2500);
  if (inputs.has('sar-10000x10000.tif')) await makeSar(join(dir, 'sar-10000x10000.tif'), 10000, 10000);
  await makeModel(join(dir, 'model-photo'), { family: 'gaussian', sigma: 0.05 }, 3, 1);
  await makeModel(join(dir, 'model-sar'), { family: 'gamma', looks: 4 }, 1, 2);
  await makeModel(join(dir, 'model-gray'), { family: 'gaussian', sigma: 0.1 }, 1, 2);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--child') return child(args[1]!, args[2]!);
  const keep = args.includes('--keep');
  const names = args.filter((a) => !a.startsWith('--'));
  const cases = names.length ? CASES.filter((c) => names.includes(c.name)) : CASES.filter((c) => !c.optional);
  const dir = await mkdtemp(join(tmpdir(), 'gr2r-memory-'));
  await initBackend('wasm');
  try {
    await prepare(dir, cases);
    console.log('| case | input | file MiB | path | RSS before MiB | peak RSS MiB | time s |');
    console.log('|---|---|---|---|---|---|---|');
    for (const c of cases) {
      const m = run(c.name, dir);
      const size = (await stat(join(dir, c.input))).size / 2 ** 20;
      const path = c.threshold === Infinity ? 'whole image' : 'bands';
      console.log(
        `| ${c.name} | ${c.input} | ${size.toFixed(0)} | ${path} | ${m.startMiB.toFixed(0)} | ${m.peakMiB.toFixed(0)} | ${m.seconds.toFixed(1)} |`,
      );
    }
  } finally {
    if (!keep) await rm(dir, { recursive: true, force: true });
    else console.log(`inputs and outputs kept in ${dir}`);
  }
}

await main();
