import { parseArgs } from 'node:util';
import type { BackendName } from '../engine/backend';
import { backendOrder, describeBackend } from '../engine/backend';
import { describeNet } from '../engine/nets/config';
import type { TrainOptions } from '../engine/train/options';
import { defaultTrainOptions as d } from '../engine/train/options';
import { folderHoldsRaw, rawIsoGroups } from '../io/raw-folder';
import { describeNoise } from '../shared/noise';
import { trainTask } from '../tasks/train-task';
import type { GradientEngine } from '../tasks/training-gradients';
import type { WorkerRequest } from '../tasks/worker-count';
import { defaultWorkers } from '../tasks/worker-count';
import type { Command, CommandIO } from './command';
import { UsageError } from './command';
import { noiseFlagOptions, parseNoise, parseNumber } from './noise-flags';
import { ProgressLine } from './progress';
import { resolveNoise } from './resolve-noise';

const help = `Usage: gr2r train --data DIR --noise FAMILY [PARAMETER] --out MODEL_DIR [options]

Learns to denoise the images in DIR from the noisy images alone (GR2R).

Noise (parameters in the units of the data: 8/16-bit images as [0, 1], float TIFF as is):
  --noise gaussian --sigma S | poisson --gain G | gamma --looks L | binomial --trials N | lograyleigh --scale C
  Without the parameter, it is estimated from the images (gaussian, poisson, gamma). Camera raw files (DNG)
  without --noise: poissongaussian with a and b estimated.
  --noise poissongaussian --a A --b B: camera noise, var = a x + b (camera raw DNG: a = 1 / electrons at white,
    b = (read noise DN / (white - black))^2; both estimated if neither is given); trained as shifted Poisson
    counts, or --anscombe in the GAT domain
Options:
  --alpha A          GR2R split (default ${d.alpha})
  --loss mse|nll     GR2R loss (nll: Poisson and Gamma; default mse)
  --net unet|dncnn   network (default unet); --width W (32), --depth D (3)
  --steps N (${d.steps})  --batch B (${d.batch})  --patch P (${d.patch})  --seed S (${d.seed})  --lr R (${d.learningRate})
  --checkpoint-every N (${d.checkpointEvery})       --target CLEAN_DIR  supervised reference, clean images paired by name
  --resume           continue the run saved in MODEL_DIR
  --amplitude        SAR amplitude files: squared to intensity for the Gamma model (recorded in the model)
  --backend NAME     ${backendOrder.join(' | ')} (default: the fastest that loads)
  --workers N|auto   data-parallel gradient workers on wasm, one thread each (default ${defaultWorkers};
                     auto: two where there are two cores and the batch splits evenly)
  --gradients auto|onnxruntime|tfjs  what computes the training gradients (default auto: onnxruntime's CPU
                     kernels on the wasm backend when they load and agree with tfjs, about 3x faster; tfjs for NLL)
`;

const options = {
  ...noiseFlagOptions,
  data: { type: 'string' }, out: { type: 'string' }, target: { type: 'string' },
  alpha: { type: 'string' }, loss: { type: 'string' }, net: { type: 'string' }, width: { type: 'string' }, depth: { type: 'string' },
  steps: { type: 'string' }, batch: { type: 'string' }, patch: { type: 'string' }, seed: { type: 'string' }, lr: { type: 'string' },
  'checkpoint-every': { type: 'string' }, resume: { type: 'boolean' }, backend: { type: 'string' }, amplitude: { type: 'boolean' },
  workers: { type: 'string' }, gradients: { type: 'string' },
} as const;

type Flags = ReturnType<typeof parseArgs<{ options: typeof options }>>['values'];

function integer(flags: Flags, name: 'steps' | 'batch' | 'patch' | 'seed' | 'width' | 'depth' | 'checkpoint-every'): number | undefined {
  const raw = flags[name];
  if (raw === undefined) return undefined;
  const n = parseNumber(name, raw);
  if (!Number.isInteger(n) || n < (name === 'seed' ? 0 : 1)) throw new UsageError(`--${name} must be a positive whole number, got ${raw}`);
  return n;
}

export function parseBackend(value: string | undefined): BackendName | undefined {
  if (value === undefined) return undefined;
  const name = backendOrder.find((b) => b === value);
  if (!name) throw new UsageError(`unknown backend '${value}': use one of ${backendOrder.join(', ')}`);
  return name;
}

export function parseWorkers(value: string | undefined): WorkerRequest | undefined {
  if (value === undefined || value === 'auto') return value;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--workers must be auto or a positive whole number, got ${value}`);
  return n;
}

export function parseGradients(value: string | undefined): 'auto' | GradientEngine | undefined {
  if (value === undefined || value === 'auto' || value === 'onnxruntime' || value === 'tfjs') return value;
  throw new UsageError(`--gradients must be auto, onnxruntime or tfjs, got ${value}`);
}

type Mutable<T> = { -readonly [K in keyof T]?: T[K] };

function trainOptions(flags: Flags): Mutable<Omit<TrainOptions, 'noise'>> {
  const loss = flags.target ? 'supervised' : flags.loss ?? 'mse';
  if (loss !== 'mse' && loss !== 'nll' && loss !== 'supervised') throw new UsageError(`--loss must be mse or nll, got ${loss}`);
  const kind = flags.net ?? 'unet';
  if (kind !== 'unet' && kind !== 'dncnn') throw new UsageError(`--net must be unet or dncnn, got ${kind}`);
  const out: Mutable<Omit<TrainOptions, 'noise'>> = {
    loss,
    net: { kind, width: integer(flags, 'width') ?? (kind === 'unet' ? 32 : 64), depth: integer(flags, 'depth') ?? (kind === 'unet' ? 3 : 7) },
  };
  if (flags.alpha !== undefined) out.alpha = parseNumber('alpha', flags.alpha);
  if (flags.lr !== undefined) out.learningRate = parseNumber('lr', flags.lr);
  out.steps = integer(flags, 'steps');
  out.batch = integer(flags, 'batch');
  out.patch = integer(flags, 'patch');
  out.seed = integer(flags, 'seed');
  out.checkpointEvery = integer(flags, 'checkpoint-every');
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined));
}

/** What the raw files say of their noise: ISO and NoiseProfile per ISO, and a warning where ISOs are mixed. */
function isoNotes(groups: Awaited<ReturnType<typeof rawIsoGroups>>): string[] {
  const lines = groups.map((g) => `${g.iso > 0 ? `ISO ${g.iso}` : 'ISO unknown'}: ${g.files.length} file(s)`
    + (g.profile ? `, the camera's NoiseProfile a=${g.profile.a.toPrecision(4)} b=${g.profile.b.toPrecision(4)}` : ''));
  if (groups.filter((g) => g.iso > 0).length > 1) {
    lines.push('the folder mixes ISOs, whose noise differs: one (a, b) is trained for all; train each ISO apart for the best result');
  }
  return lines;
}

async function run(argv: string[], io: CommandIO): Promise<number> {
  const { values: flags } = parseArgs({ args: argv, options, strict: true });
  if (!flags.data) throw new UsageError('--data DIR is required');
  if (!flags.out) throw new UsageError('--out MODEL_DIR is required');
  const progress = new ProgressLine(io);
  const rawDefault = !flags.noise && !flags.resume && (await folderHoldsRaw(flags.data).catch(() => false));
  if (rawDefault) progress.note('camera raw files and no --noise: shot + read noise, --noise poissongaussian with a and b estimated');
  if (rawDefault || (flags.noise === 'poissongaussian' && !flags.resume)) {
    for (const line of isoNotes(await rawIsoGroups(flags.data).catch(() => []))) progress.note(line);
  }
  const noise = flags.resume && !flags.noise ? undefined : parseNoise(rawDefault ? { ...flags, noise: 'poissongaussian' } : flags);
  const spec = await resolveNoise(noise, flags.data, (m) => progress.note(m), flags.amplitude);
  const result = await trainTask({
    data: flags.data, target: flags.target, out: flags.out, noise: spec, options: trainOptions(flags),
    resume: flags.resume, amplitude: flags.amplitude, backend: parseBackend(flags.backend), workers: parseWorkers(flags.workers),
    gradients: parseGradients(flags.gradients), signal: io.signal,
    onNote: (m) => progress.note(m),
    onProgress: (p) => progress.update(p.step, p.total, `loss ${p.loss.toPrecision(4)}${p.estPsnr === null ? '' : ` est. PSNR ${p.estPsnr.toFixed(2)} dB`}`, p.etaMs),
  });
  for (const f of result.failures) progress.note(`skipped ${f.file}: ${f.reason}`);
  const { meta } = result;
  io.stdout.write(`${result.cancelled ? 'stopped' : 'trained'} ${describeNet(meta.net)} on ${describeNoise(meta.noise)} (alpha ${meta.alpha}, ${meta.loss}) for ${meta.step}/${meta.totalSteps} steps; ${describeBackend(result.backend)}\n`);
  io.stdout.write(`model saved to ${result.model}${meta.estPsnr === null ? '' : `; estimated PSNR ${meta.estPsnr.toFixed(2)} dB`}\n`);
  return result.cancelled ? 130 : 0;
}

export const trainCommand: Command = { name: 'train', summary: 'learn a denoiser from a folder of noisy images', help, run };
