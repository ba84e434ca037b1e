import { cpus } from 'node:os';
import type { NetConfig } from '../../engine/nets';
import { trainStepFlops } from '../../engine/nets';
import type { SpeedBenchIO } from './speed';
import { cpuPeak, type CpuPeak } from './speed-peak';
import { runProbe } from './speed-spawn';
import type { TorchPart } from './speed-torch';
import { runTorchPart } from './speed-torch';
import type { SpeedJob } from './speed-types';
import { median } from './speed-types';

/** One round of the end-to-end comparison: ours per megapixel (file in, file out) against PyTorch's one pass. */
export interface DenoiseRound {
  readonly oursSPerMp: number;
  readonly oursCpuSPerMp: number;
  readonly torchSPerMp: number;
  readonly torchCpuSPerMp: number;
  readonly torchThreads: number;
  readonly ratio: number;
}

export interface TrainRound {
  readonly oursMs: number;
  readonly oursCpuMs: number;
  readonly torchMs: number;
  readonly torchCpuMs: number;
  readonly torchThreads: number;
  readonly ratio: number;
}

export interface Alternation {
  readonly sides: readonly [number, number];
  readonly torchSize: number;
  readonly denoise: readonly DenoiseRound[];
  readonly train: readonly TrainRound[];
  readonly denoiseRatio?: number;
  readonly trainRatio?: number;
  /** FLOP of one training step (8 x 64 x 64 x 3), and the medians as FLOP/s, ours and PyTorch's. */
  readonly trainFlop: number;
  readonly trainFlops?: number;
  readonly torchTrainFlops?: number;
  readonly peak?: CpuPeak;
  readonly errors: readonly string[];
}

export interface AlternationSettings {
  readonly net: NetConfig;
  readonly rounds: number;
  /** ours: `gr2r denoise --mc 1` on float TIFFs of sides[0] and sides[1], the difference per megapixel. */
  readonly sides: readonly [number, number];
  readonly torchSize: number;
  readonly steps: number;
  readonly warmup: number;
  readonly runs: number;
}

const TIMEOUT = 20 * 60_000;

/** PyTorch at its best this round: the faster of one thread and one per core. */
async function fastestPart(only: 'train' | 'infer', s: AlternationSettings, io: SpeedBenchIO): Promise<TorchPart> {
  const parts: TorchPart[] = [];
  for (const threads of [...new Set([1, cpus().length])]) {
    parts.push(
      await runTorchPart({ threads, steps: s.steps, runs: s.runs, size: s.torchSize }, only, TIMEOUT, io.signal),
    );
  }
  return parts.reduce((a, b) => (b.ms < a.ms ? b : a));
}

async function denoiseRound(s: AlternationSettings, io: SpeedBenchIO): Promise<DenoiseRound> {
  const [small, big] = s.sides;
  const job: SpeedJob = {
    kind: 'file',
    net: s.net,
    sizes: [
      [small, small],
      [big, big],
    ],
    mc: 1,
    format: 'tiff',
  };
  const ours = await runProbe(job, TIMEOUT, io.signal);
  if (!ours.ok) throw new Error(`gr2r denoise: ${ours.reason}`);
  const torch = await fastestPart('infer', s, io);
  const mp = (big * big - small * small) / 1e6;
  const [a, b] = [ours.samplesMs, ours.cpuSamplesMs];
  const oursSPerMp = (a[1]! - a[0]!) / 1000 / mp;
  const torchMp = (s.torchSize * s.torchSize) / 1e6;
  const torchSPerMp = torch.ms / 1000 / torchMp;
  return {
    oursSPerMp,
    oursCpuSPerMp: (b[1]! - b[0]!) / 1000 / mp,
    torchSPerMp,
    torchCpuSPerMp: torch.cpuMs / 1000 / torchMp,
    torchThreads: torch.threads,
    ratio: oursSPerMp / torchSPerMp,
  };
}

async function trainRound(s: AlternationSettings, io: SpeedBenchIO): Promise<TrainRound> {
  const job: SpeedJob = {
    kind: 'train',
    backend: 'wasm',
    net: s.net,
    warmup: s.warmup,
    steps: s.steps,
    gradients: 'onnxruntime',
  };
  const ours = await runProbe(job, TIMEOUT, io.signal);
  if (!ours.ok) throw new Error(`training step: ${ours.reason}`);
  const torch = await fastestPart('train', s, io);
  return {
    oursMs: ours.ms,
    oursCpuMs: ours.cpuMs,
    torchMs: torch.ms,
    torchCpuMs: torch.cpuMs,
    torchThreads: torch.threads,
    ratio: ours.ms / torch.ms,
  };
}

/**
 * Ours and PyTorch one after the other, `rounds` times, so that a change of the machine's load hits both sides
 * alike; the medians of the per-round ratios are the figures to quote.
 */
export async function alternate(s: AlternationSettings, io: SpeedBenchIO): Promise<Alternation> {
  const denoise: DenoiseRound[] = [];
  const train: TrainRound[] = [];
  const errors: string[] = [];
  for (let r = 1; r <= s.rounds; r++) {
    io.stderr.write(
      `round ${r} of ${s.rounds}: gr2r denoise --mc 1 (${s.sides.join(' and ')} px) against PyTorch's pass, then training steps\n`,
    );
    try {
      denoise.push(await denoiseRound(s, io));
    } catch (error) {
      errors.push(error instanceof Error ? error.message : String(error));
    }
    try {
      train.push(await trainRound(s, io));
    } catch (error) {
      errors.push(error instanceof Error ? error.message : String(error));
    }
  }
  const trainFlop = trainStepFlops(s.net, 3, 8 * 64 * 64);
  const oursTrain = train.length > 0 ? median(train.map((t) => t.oursMs)) : undefined;
  const torchTrain = train.length > 0 ? median(train.map((t) => t.torchMs)) : undefined;
  const peak = cpuPeak();
  return {
    sides: s.sides,
    torchSize: s.torchSize,
    denoise,
    train,
    errors,
    trainFlop,
    ...(denoise.length > 0 && { denoiseRatio: median(denoise.map((d) => d.ratio)) }),
    ...(train.length > 0 && { trainRatio: median(train.map((t) => t.ratio)) }),
    ...(oursTrain && { trainFlops: trainFlop / (oursTrain / 1000) }),
    ...(torchTrain && { torchTrainFlops: trainFlop / (torchTrain / 1000) }),
    ...(peak && { peak }),
  };
}
