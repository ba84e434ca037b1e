import { parseArgs } from 'node:util';
import type { BackendName } from '../../engine/backend';
import { backendOrder } from '../../engine/backend';
import { defaultDenoiseOptions } from '../../engine/denoise';
import { defaultNet } from '../../engine/nets';
import type { SpeedSettings } from './speed-plan';
import { denoiseJob, inferJobs, trainJobs } from './speed-plan';
import { formatSpeedReport } from './speed-format';
import { speedRatios } from './speed-ratios';
import { alternate } from './speed-rounds';
import { countParams, machine } from './speed-report';
import type { SpeedReport } from './speed-report';
import { runProbe } from './speed-spawn';
import type { TorchResult } from './speed-torch';
import { fastestTorch, runTorch } from './speed-torch';
import type { SpeedJob, SpeedRow } from './speed-types';

/** The streams `gr2r bench --speed` writes to (the CLI's CommandIO fits). */
export interface SpeedBenchIO {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly signal?: AbortSignal;
}

export const speedHelp = `gr2r bench --speed [--json] [--torch] [options]
  Training step time (median after warm-up) per tfjs backend present, inference time per megapixel with
  onnxruntime and each tfjs backend, and a 24 MP denoise's time and peak memory; each in its own process.
  --torch        also run bench/torch_unet.py (Debian python3-torch) and print ours / PyTorch ratios
  --backend B    only this tfjs backend     --steps N (5)  --warmup N (2)  --runs N (3)  --size S (512)
  --mp 24|0      the big image, a JPEG through gr2r denoise (0: none)   --tile T (512)  --mc J (5)
  --net unet|dncnn --width W --depth D
  With --torch, also --rounds N (3) alternations of: gr2r denoise --mc 1 on float TIFFs of 256 and --file-size S
  (2048) px against PyTorch's --size pass, per megapixel; then training steps, ours against PyTorch's.
`;

const flags = {
  speed: { type: 'boolean' }, json: { type: 'boolean' }, torch: { type: 'boolean' }, backend: { type: 'string' },
  steps: { type: 'string' }, warmup: { type: 'string' }, runs: { type: 'string' }, size: { type: 'string' },
  mp: { type: 'string' }, tile: { type: 'string' }, mc: { type: 'string' }, net: { type: 'string' },
  width: { type: 'string' }, depth: { type: 'string' }, rounds: { type: 'string' }, 'file-size': { type: 'string' },
} as const;

function whole(raw: string | undefined, fallback: number, name: string, min = 1): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be a whole number >= ${min}, got ${raw}`);
  return n;
}

export function parseSpeedFlags(argv: string[]): { settings: SpeedSettings; json: boolean; torch: boolean; rounds: number; fileSize: number } {
  const { values: v } = parseArgs({ args: argv, options: flags, strict: true });
  if (v.backend !== undefined && !backendOrder.includes(v.backend as BackendName)) throw new Error(`--backend must be one of ${backendOrder.join(', ')}`);
  if (v.net !== undefined && v.net !== 'unet' && v.net !== 'dncnn') throw new Error('--net must be unet or dncnn');
  const net = { kind: (v.net ?? defaultNet.kind) as 'unet' | 'dncnn', width: whole(v.width, defaultNet.width, 'width'), depth: whole(v.depth, defaultNet.depth, 'depth') };
  const mp = whole(v.mp, 24, 'mp', 0);
  const settings: SpeedSettings = {
    net, backend: v.backend as BackendName | undefined, steps: whole(v.steps, 5, 'steps'), warmup: whole(v.warmup, 2, 'warmup', 0),
    runs: whole(v.runs, 3, 'runs'), size: whole(v.size, 512, 'size'), tile: whole(v.tile, defaultDenoiseOptions.tile, 'tile'), mc: whole(v.mc, defaultDenoiseOptions.mc, 'mc'),
    // 24 MP is 6000 x 4000, a full-frame camera's photo; other sizes keep its 3:2.
    bigHeight: Math.round(Math.sqrt((mp * 1e6) / 1.5)), bigWidth: Math.round(Math.sqrt(mp * 1e6 * 1.5)),
  };
  return { settings, json: v.json ?? false, torch: v.torch ?? false, rounds: whole(v.rounds, 3, 'rounds'), fileSize: whole(v['file-size'], 2048, 'file-size', 512) };
}

async function measureAll(jobs: readonly SpeedJob[], io: SpeedBenchIO): Promise<SpeedRow[]> {
  const rows: SpeedRow[] = [];
  for (const job of jobs) {
    io.stderr.write(`measuring ${JSON.stringify({ ...job, net: undefined })}\n`);
    rows.push({ job, result: await runProbe(job, 20 * 60_000, io.signal) });
  }
  return rows;
}

async function torchSide(settings: SpeedSettings, io: SpeedBenchIO): Promise<Pick<SpeedReport, 'torch' | 'torchRuns' | 'torchError'>> {
  const runs: TorchResult[] = [];
  for (const threads of [...new Set([1, machine().cpus])]) {
    io.stderr.write(`measuring PyTorch, ${threads} thread(s) (bench/torch_unet.py)\n`);
    const options = { threads, steps: settings.steps, runs: settings.runs, size: settings.size };
    try {
      runs.push(await runTorch(options, 20 * 60_000, io.signal));
    } catch (error) {
      return { torchError: error instanceof Error ? error.message : String(error) };
    }
  }
  return { torch: fastestTorch(runs), torchRuns: runs };
}

/** `gr2r bench --speed` (issue 7): timings and peak memory per backend, optionally against PyTorch. */
export async function runSpeedBench(argv: string[], io: SpeedBenchIO): Promise<number> {
  const { settings, json, torch: withTorch, rounds, fileSize } = parseSpeedFlags(argv);
  const start = { ...(await countParams(settings.net)), machine: machine() };
  const side = withTorch ? await torchSide(settings, io) : {};
  const train = await measureAll(trainJobs(settings), io);
  const infer = await measureAll(inferJobs(settings), io);
  const big = settings.bigHeight > 0 ? await measureAll([denoiseJob(settings)], io) : [];
  const alternation = withTorch
    ? await alternate({ net: settings.net, rounds, sides: [256, fileSize], torchSize: settings.size, steps: settings.steps, warmup: settings.warmup, runs: settings.runs }, io)
    : undefined;
  const report: SpeedReport = {
    ...start, settings, train, infer, denoise: big[0], ...side, ...(alternation && { alternation }),
    ratios: speedRatios(train, infer, big[0], side.torch, alternation),
  };
  io.stdout.write(json ? `${JSON.stringify(report, null, 2)}\n` : formatSpeedReport(report));
  return 0;
}
