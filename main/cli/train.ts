import { parseArgs } from 'node:util';
import type { BackendName } from '../engine/backend';
import { backendOrder, describeBackend } from '../engine/backend';
import { describeNet } from '../engine/nets/config';
import type { TrainOptions } from '../engine/train/options';
import { defaultTrainOptions as d } from '../engine/train/options';
import { netOf } from '../shared/defaults';
import type { InitChoice } from '../tasks/train/init-model';
import { folderHoldsRaw, rawIsoGroups } from '../io/raw-folder';
import { correlatedRawSpec } from '../tasks/estimate/raw-noise-choice';
import { describeNoise } from '../shared/noise';
import { DEFAULT_PATIENCE } from '../shared/early-stop';
import { trainTask } from '../tasks/train/train-task';
import type { GradientEngine } from '../runtime/training-gradients';
import type { Command, CommandIO } from './command';
import { UsageError } from './command';
import { noiseFlagOptions, parseNoise, parseNumber } from './noise-flags';
import { namingFailures } from './name-failures';
import { printable } from './printable';
import { ProgressLine } from './progress';
import { trainHelp as help } from './train-help';
import { gainText, isoNotes, keptLine, worseWarning } from './train-report';
import { resolveNoise } from './resolve-noise';
import { sizeMultiple } from '../engine/nets/config';
import { checkOutFolder } from '../tasks/train/resume-run';

const options = {
  ...noiseFlagOptions,
  data: { type: 'string' },
  out: { type: 'string' },
  target: { type: 'string' },
  alpha: { type: 'string' },
  loss: { type: 'string' },
  net: { type: 'string' },
  width: { type: 'string' },
  depth: { type: 'string' },
  steps: { type: 'string' },
  batch: { type: 'string' },
  patch: { type: 'string' },
  seed: { type: 'string' },
  lr: { type: 'string' },
  'checkpoint-every': { type: 'string' },
  resume: { type: 'boolean' },
  backend: { type: 'string' },
  amplitude: { type: 'boolean' },
  gradients: { type: 'string' },
  init: { type: 'string' },
  recursive: { type: 'boolean' },
  'early-stop': { type: 'string' },
  'eval-every': { type: 'string' },
  'keep-last': { type: 'boolean' },
} as const;

/** `--early-stop` takes an optional count: a bare flag gets the default (parseArgs has no optional values). */
function withEarlyStopValue(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg !== '--early-stop') {
      out.push(arg);
      continue;
    }
    const next = argv[i + 1];
    if (next !== undefined && /^\d+$/.test(next)) {
      out.push(`--early-stop=${next}`);
      i++;
    } else {
      out.push(`--early-stop=${DEFAULT_PATIENCE}`);
    }
  }
  return out;
}

type Flags = ReturnType<typeof parseArgs<{ options: typeof options }>>['values'];

export function parseTrainArgs(argv: string[]): Flags {
  return parseArgs({ args: withEarlyStopValue(argv), options, strict: true }).values;
}

function integer(
  flags: Flags,
  name: 'steps' | 'batch' | 'patch' | 'seed' | 'width' | 'depth' | 'checkpoint-every' | 'early-stop' | 'eval-every',
): number | undefined {
  const raw = flags[name];
  if (raw === undefined) return undefined;
  const n = parseNumber(name, raw);
  if (!Number.isInteger(n) || n < (name === 'seed' ? 0 : 1))
    throw new UsageError(`--${name} must be a positive whole number, got ${raw}`);
  return n;
}

export function parseBackend(value: string | undefined): BackendName | undefined {
  if (value === undefined) return undefined;
  const name = backendOrder.find((b) => b === value);
  if (!name) throw new UsageError(`unknown backend '${value}': use one of ${backendOrder.join(', ')}`);
  return name;
}

export function parseGradients(value: string | undefined): 'auto' | GradientEngine | undefined {
  if (value === undefined || value === 'auto' || value === 'onnxruntime' || value === 'tfjs') return value;
  throw new UsageError(`--gradients must be auto, onnxruntime or tfjs, got ${value}`);
}

/** --init: builtin, none (random weights) or a model folder; undefined when not given (the default decides). */
export function parseInit(value: string | undefined): InitChoice | 'none' | undefined {
  if (value === undefined) return undefined;
  if (value === '') throw new UsageError('--init needs builtin, none or a model folder');
  return value === 'builtin' || value === 'none' ? value : { folder: value };
}

type Mutable<T> = { -readonly [K in keyof T]?: T[K] };

/** The training options the flags set; trainTask fills in the rest from main/shared/defaults.ts. */
export function trainOptions(flags: Flags): Mutable<Omit<TrainOptions, 'noise'>> {
  const loss = flags.target ? 'supervised' : (flags.loss ?? 'mse');
  if (loss !== 'mse' && loss !== 'nll' && loss !== 'supervised')
    throw new UsageError(`--loss must be mse or nll, got ${loss}`);
  const kind = flags.net ?? d.net.kind;
  if (kind !== 'unet' && kind !== 'dncnn') throw new UsageError(`--net must be unet or dncnn, got ${kind}`);
  const out: Mutable<Omit<TrainOptions, 'noise'>> = {
    loss,
    net: netOf(kind, { width: integer(flags, 'width'), depth: integer(flags, 'depth') }),
  };
  if (flags.alpha !== undefined) out.alpha = parseNumber('alpha', flags.alpha);
  if (flags.lr !== undefined) out.learningRate = parseNumber('lr', flags.lr);
  out.steps = integer(flags, 'steps');
  out.batch = integer(flags, 'batch');
  out.patch = integer(flags, 'patch');
  const smallest = 2 * sizeMultiple(out.net!);
  if (out.patch !== undefined && out.patch < smallest)
    throw new UsageError(
      `--patch must be at least ${smallest} for this network (twice its size multiple), got ${out.patch}`,
    );
  out.seed = integer(flags, 'seed');
  out.checkpointEvery = integer(flags, 'checkpoint-every');
  out.evalEvery = integer(flags, 'eval-every');
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined));
}

async function run(argv: string[], io: CommandIO): Promise<number> {
  const flags = parseTrainArgs(argv);
  if (!flags.data) throw new UsageError('--data DIR is required');
  if (!flags.out) throw new UsageError('--out MODEL_DIR is required');
  // Every flag and the model folder are checked before the noise is measured on the whole folder.
  const options = trainOptions(flags);
  const earlyStop = integer(flags, 'early-stop');
  const backend = parseBackend(flags.backend);
  const gradients = parseGradients(flags.gradients);
  const chosenInit = parseInit(flags.init);
  await checkOutFolder(flags.out, flags.resume);
  const progress = new ProgressLine(io);
  const rawDefault = !flags.noise && !flags.resume && (await folderHoldsRaw(flags.data).catch(() => false));
  if (rawDefault)
    progress.note(
      'camera raw files and no --noise: shot + read noise, --noise poissongaussian with a and b estimated, unless the noise is correlated between photosites (measured per CFA plane)',
    );
  if (rawDefault || (flags.noise === 'poissongaussian' && !flags.resume)) {
    for (const line of isoNotes(await rawIsoGroups(flags.data).catch(() => []))) progress.note(line);
  }
  const noise =
    flags.resume && !flags.noise ? undefined : parseNoise(rawDefault ? { ...flags, noise: 'poissongaussian' } : flags);
  const correlatedRaw = rawDefault
    ? await correlatedRawSpec(flags.data, (m) => progress.note(m), flags.recursive)
    : undefined;
  const spec =
    correlatedRaw ?? (await resolveNoise(noise, flags.data, (m) => progress.note(m), flags.amplitude, flags.recursive));
  const { data, out } = flags;
  const init = chosenInit === 'none' ? undefined : (chosenInit ?? 'default');
  const result = await namingFailures(io, 'skipped', () =>
    trainTask({
      data,
      target: flags.target,
      out,
      noise: spec,
      options,
      resume: flags.resume,
      amplitude: flags.amplitude,
      backend,
      gradients,
      signal: io.signal,
      init,
      recursive: flags.recursive,
      earlyStop,
      keepLast: flags['keep-last'],
      onNote: (m) => progress.note(m),
      onProgress: (p) =>
        progress.update(
          p.step,
          p.total,
          `loss ${p.loss.toPrecision(4)}${p.estPsnr === null ? '' : ` est. PSNR ${p.estPsnr.toFixed(2)} dB`}`,
          p.etaMs,
        ),
    }),
  );
  for (const f of result.failures) progress.note(`skipped ${f.file}: ${f.reason}`); // note() escapes the name
  const { meta } = result;
  io.stdout.write(
    `${result.cancelled ? 'stopped' : 'trained'} ${describeNet(meta.net)} on ${describeNoise(meta.noise)} (alpha ${meta.alpha}, ${meta.loss}) for ${result.lastStep}/${meta.totalSteps} steps; ${describeBackend(result.backend)}\n`,
  );
  if (meta.init)
    io.stdout.write(
      `started from ${meta.init.source === 'builtin' ? `the bundled ${meta.init.name} network` : printable(meta.init.name)} (${meta.init.steps} steps of pretraining)\n`,
    );
  if (result.stoppedEarly)
    io.stdout.write(
      `early stop at step ${result.lastStep}: no better estimated PSNR in ${flags['early-stop']} estimates\n`,
    );
  io.stdout.write(`${keptLine(meta, result.lastStep)}\n`);
  io.stdout.write(
    `model saved to ${printable(result.model)}${meta.estPsnr === null ? '' : `; estimated PSNR ${meta.estPsnr.toFixed(2)} dB${gainText(meta)}`}\n`,
  );
  const worse = worseWarning(meta);
  if (worse) progress.note(worse);
  return result.cancelled ? 130 : 0;
}

/** The estimate as a gain over the noisy input (itself estimated from the noise model on the same patches). */
export const trainCommand: Command = {
  name: 'train',
  summary: 'learn a denoiser from a folder of noisy images',
  help,
  run,
};
