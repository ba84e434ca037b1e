import { parseArgs } from 'node:util';
import type { BackendName } from '../engine/backend';
import { backendOrder, describeBackend } from '../engine/backend';
import { describeNet } from '../engine/nets/config';
import type { TrainOptions } from '../engine/train/options';
import { defaultTrainOptions as d } from '../engine/train/options';
import { evaluationDefaults, initDefaults, netDefaults, netOf } from '../shared/defaults';
import { builtinFamilies } from '../tasks/train/builtin-models';
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
import { resolveNoise } from './resolve-noise';

const help = `Usage: gr2r train --data DIR --noise FAMILY [PARAMETER] --out MODEL_DIR [options]

Learns to denoise the images in DIR from the noisy images alone (GR2R).

Noise (parameters in the units of the data: 8/16-bit images as [0, 1], float TIFF as is):
  --noise gaussian --sigma S | poisson --gain G | gamma --looks L | binomial --trials N | lograyleigh --scale C
  Without the parameter, it is estimated from the images (gaussian, poisson, gamma).
  gamma without --looks: each image's own looks where the images' differ by more than 30%. Complex (SLC)
    TIFFs are spectrally whitened (range and azimuth envelopes divided out) before intensity, for every command. Camera raw files
  without --noise: poissongaussian with a and b estimated (each image's own when the folder mixes ISOs), or
    correlated on the CFA planes when their noise is measured correlated between photosites (lossy in-camera coding).
  --noise poissongaussian --a A --b B: camera noise, var = a x + b (camera raw DNG: a = 1 / electrons at white,
    b = (read noise DN / (white - black))^2; both estimated if neither is given); trained as shifted Poisson
    counts, or --anscombe in the GAT domain
Options:
  --alpha A          GR2R split (default ${d.alpha})
  --loss mse|nll     GR2R loss (nll: Poisson and Gamma; default ${d.loss})
  --net unet|dncnn   network (default ${d.net.kind}); --width W --depth D (default unet ${netDefaults.unet.width} ${netDefaults.unet.depth},
                     dncnn ${netDefaults.dncnn.width} ${netDefaults.dncnn.depth})
  --steps N (${d.steps})  --batch B (${d.batch})  --patch P (${d.patch})  --seed S (${d.seed})  --lr R (${d.learningRate})
  --checkpoint-every N (${d.checkpointEvery})       --target CLEAN_DIR  supervised reference, clean images paired by name
  --init builtin|MODEL_DIR  start from a pretrained network instead of random weights, and fine-tune it with
                     GR2R on DIR: builtin is the bundled one for the noise family (${builtinFamilies.join(', ')}; RGB,
                     folded exactly for gray images), MODEL_DIR a model of the same network (--net, --width, --depth)
                     and channels. Steps then default to ${initDefaults.steps}, --lr to ${initDefaults.learningRate}; gr2r.json
                     records what it started from
  --resume           continue the run saved in MODEL_DIR
  --recursive        include the images in sub-folders of DIR
  --eval-every N     estimate the PSNR on held-out noisy patches every N steps (default
                     steps / ${evaluationDefaults.perRun}, between ${evaluationDefaults.minEvery} and ${evaluationDefaults.maxEvery})
  --early-stop [P]   stop after P estimates in a row (default ${DEFAULT_PATIENCE}) without a better estimated PSNR
  --keep-last        keep the last step's weights; by default the model keeps the step with the best estimated PSNR
                     (and the last step's checkpoint in MODEL_DIR/checkpoint, for --resume); the step kept is printed
  --amplitude        SAR amplitude files: squared to intensity for the Gamma model (recorded in the model)
  --backend NAME     ${backendOrder.join(' | ')} (default: the fastest that loads)
  --gradients auto|onnxruntime|tfjs  what computes the training gradients (default auto: onnxruntime's CPU
                     kernels on the wasm backend when they load and agree with tfjs, about 3x faster; tfjs for NLL)
`;

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

export function parseInit(value: string | undefined): InitChoice | undefined {
  if (value === undefined) return undefined;
  if (value === '') throw new UsageError('--init needs builtin or a model folder');
  return value === 'builtin' ? 'builtin' : { folder: value };
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
  out.seed = integer(flags, 'seed');
  out.checkpointEvery = integer(flags, 'checkpoint-every');
  out.evalEvery = integer(flags, 'eval-every');
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined));
}

/** What the raw files say of their noise: ISO and NoiseProfile per ISO, and a warning where ISOs are mixed. */
function isoNotes(groups: Awaited<ReturnType<typeof rawIsoGroups>>): string[] {
  const lines = groups.map(
    (g) =>
      `${g.iso > 0 ? `ISO ${g.iso}` : 'ISO unknown'}: ${g.files.length} file(s)` +
      (g.profile ? `, the camera's NoiseProfile a=${g.profile.a.toPrecision(4)} b=${g.profile.b.toPrecision(4)}` : ''),
  );
  if (groups.filter((g) => g.iso > 0).length > 1) {
    lines.push('the folder mixes ISOs, whose noise differs: unless --a/--b are given, each image gets its own (a, b)');
  }
  return lines;
}

async function run(argv: string[], io: CommandIO): Promise<number> {
  const flags = parseTrainArgs(argv);
  if (!flags.data) throw new UsageError('--data DIR is required');
  if (!flags.out) throw new UsageError('--out MODEL_DIR is required');
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
  const result = await namingFailures(io, 'skipped', () =>
    trainTask({
      data,
      target: flags.target,
      out,
      noise: spec,
      options: trainOptions(flags),
      resume: flags.resume,
      amplitude: flags.amplitude,
      backend: parseBackend(flags.backend),
      gradients: parseGradients(flags.gradients),
      signal: io.signal,
      init: parseInit(flags.init),
      recursive: flags.recursive,
      earlyStop: integer(flags, 'early-stop'),
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
  return result.cancelled ? 130 : 0;
}

/** The estimate as a gain over the noisy input (itself estimated from the noise model on the same patches). */
function gainText(meta: { estPsnr: number | null; inputPsnr?: number | null }): string {
  if (meta.estPsnr === null || meta.inputPsnr === undefined || meta.inputPsnr === null) return '';
  const gain = meta.estPsnr - meta.inputPsnr;
  return ` (${gain >= 0 ? '+' : ''}${gain.toFixed(1)} dB over the noisy input, ${meta.inputPsnr.toFixed(2)} dB)`;
}

/** Which step's weights the model holds, and why. */
function keptLine(meta: { step: number; estPsnr: number | null }, lastStep: number): string {
  const psnr = meta.estPsnr === null ? '' : ` (estimated PSNR ${meta.estPsnr.toFixed(2)} dB)`;
  if (meta.step === lastStep) return `kept step ${meta.step}, the last${psnr}`;
  return `kept step ${meta.step} of ${lastStep}: the best estimated PSNR${psnr}; step ${lastStep}'s checkpoint is in checkpoint/ for --resume`;
}

export const trainCommand: Command = {
  name: 'train',
  summary: 'learn a denoiser from a folder of noisy images',
  help,
  run,
};
