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

/** What to measure: the CLI parses it from `gr2r bench --speed` flags (main/cli/bench-speed.ts). */
export interface SpeedRequest {
  readonly settings: SpeedSettings;
  readonly json: boolean;
  readonly torch: boolean;
  /** With torch: alternations of whole-file denoising and training against PyTorch, and the big file's side. */
  readonly rounds: number;
  readonly fileSize: number;
}

/** The streams `gr2r bench --speed` writes to (the CLI's CommandIO fits). */
export interface SpeedBenchIO {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly signal?: AbortSignal;
}

async function measureAll(jobs: readonly SpeedJob[], io: SpeedBenchIO): Promise<SpeedRow[]> {
  const rows: SpeedRow[] = [];
  for (const job of jobs) {
    io.stderr.write(`measuring ${JSON.stringify({ ...job, net: undefined })}\n`);
    rows.push({ job, result: await runProbe(job, 20 * 60_000, io.signal) });
  }
  return rows;
}

async function torchSide(
  settings: SpeedSettings,
  io: SpeedBenchIO,
): Promise<Pick<SpeedReport, 'torch' | 'torchRuns' | 'torchError'>> {
  const runs: TorchResult[] = [];
  for (const threads of [...new Set([1, machine().cpus])]) {
    io.stderr.write(`measuring PyTorch, ${threads} thread(s) (main/tasks/bench/torch_unet.py)\n`);
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
export async function runSpeedBench(request: SpeedRequest, io: SpeedBenchIO): Promise<number> {
  const { settings, json, torch: withTorch, rounds, fileSize } = request;
  const start = { ...(await countParams(settings.net)), machine: machine() };
  const side = withTorch ? await torchSide(settings, io) : {};
  const train = await measureAll(trainJobs(settings), io);
  const infer = await measureAll(inferJobs(settings), io);
  const big = settings.bigHeight > 0 ? await measureAll([denoiseJob(settings)], io) : [];
  const alternation = withTorch
    ? await alternate(
        {
          net: settings.net,
          rounds,
          sides: [256, fileSize],
          torchSize: settings.size,
          steps: settings.steps,
          warmup: settings.warmup,
          runs: settings.runs,
        },
        io,
      )
    : undefined;
  const report: SpeedReport = {
    ...start,
    settings,
    train,
    infer,
    denoise: big[0],
    ...side,
    ...(alternation && { alternation }),
    ratios: speedRatios(train, infer, big[0], side.torch, alternation),
  };
  io.stdout.write(json ? `${JSON.stringify(report, null, 2)}\n` : formatSpeedReport(report));
  return 0;
}
