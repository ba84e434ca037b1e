import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** What torch_unet.py (beside this file) prints: the same U-Net in PyTorch CPU, on the same shapes. */
export interface TorchResult {
  readonly version: string;
  readonly threads: number;
  readonly params: number;
  readonly trainStepMs: number;
  readonly inferMs: number;
  /** CPU time of the same medians' runs (process_time: every thread). */
  readonly trainStepCpuMs: number;
  readonly inferCpuMs: number;
  readonly inferSize: number;
  readonly peakRssBytes: number;
  /** Threads of the inference timing, where it differs from `threads` (fastestTorch). */
  readonly inferThreads?: number;
}

export interface TorchOptions {
  readonly threads: number;
  readonly steps: number;
  readonly runs: number;
  readonly size: number;
}

const script = fileURLToPath(new URL('./torch_unet.py', import.meta.url));

/** Debian's python3-torch lives under /usr/bin/python3, which a pyenv or venv python3 on PATH may hide. */
function python(): string {
  return process.env.GR2R_PYTHON ?? (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');
}

/**
 * PyTorch at its best on this machine: each timing is the faster of one thread and one per core (on a busy
 * machine OpenMP's threads wait on each other, and one thread wins), so the ratios never flatter us.
 */
export function fastestTorch(runs: readonly TorchResult[]): TorchResult {
  const train = runs.reduce((a, b) => (b.trainStepMs < a.trainStepMs ? b : a));
  const infer = runs.reduce((a, b) => (b.inferMs < a.inferMs ? b : a));
  const peakRssBytes = Math.max(...runs.map((r) => r.peakRssBytes));
  return { ...train, inferMs: infer.inferMs, inferCpuMs: infer.inferCpuMs, inferThreads: infer.threads, peakRssBytes };
}

function execTorch(args: readonly string[], timeoutMs: number, signal?: AbortSignal): Promise<unknown> {
  return new Promise((resolve, reject) => {
    execFile(
      python(),
      [script, ...args],
      { timeout: timeoutMs, signal, maxBuffer: 1 << 20 },
      (error, stdout, stderr) => {
        if (error) {
          const last = stderr.trim().split('\n').at(-1) ?? error.message;
          return reject(
            new Error(
              `PyTorch run failed (${python()} ${script}): ${last}; install it with apt-get install python3-torch`,
            ),
          );
        }
        resolve(JSON.parse(stdout.trim().split('\n').at(-1)!));
      },
    );
  });
}

/** Runs the PyTorch side of the comparison; the error says why when python3 or torch is missing. */
export async function runTorch(options: TorchOptions, timeoutMs: number, signal?: AbortSignal): Promise<TorchResult> {
  const args = [
    '--threads',
    String(options.threads),
    '--steps',
    String(options.steps),
    '--runs',
    String(options.runs),
    '--size',
    String(options.size),
  ];
  return (await execTorch(args, timeoutMs, signal)) as TorchResult;
}

/** One PyTorch timing alone (a training step, or one size x size pass): median wall and CPU milliseconds. */
export interface TorchPart {
  readonly version: string;
  readonly threads: number;
  readonly ms: number;
  readonly cpuMs: number;
}

export async function runTorchPart(
  options: TorchOptions,
  only: 'train' | 'infer',
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<TorchPart> {
  const args = [
    '--threads',
    String(options.threads),
    '--steps',
    String(options.steps),
    '--runs',
    String(options.runs),
    '--size',
    String(options.size),
    '--only',
    only,
  ];
  const r = (await execTorch(args, timeoutMs, signal)) as TorchResult;
  return only === 'train'
    ? { version: r.version, threads: r.threads, ms: r.trainStepMs, cpuMs: r.trainStepCpuMs }
    : { version: r.version, threads: r.threads, ms: r.inferMs, cpuMs: r.inferCpuMs };
}
