import type { TrainOptions } from '../engine/train/options';
import { netOf, trainDefaults } from '../shared/defaults';
import { noiseFamilies } from '../shared/noise';
import type { Budget } from '../tasks/bench/budget';
import { budgets } from '../tasks/bench/budget';
import type { ConditionFilter } from '../tasks/bench/conditions';
import { UsageError } from './command';
import { parseNumber } from './noise-flags';

export const benchFlagOptions = {
  data: { type: 'string' },
  budget: { type: 'string' },
  family: { type: 'string', multiple: true },
  steps: { type: 'string' },
  alpha: { type: 'string' },
  lr: { type: 'string' },
  batch: { type: 'string' },
  patch: { type: 'string' },
  net: { type: 'string' },
  width: { type: 'string' },
  depth: { type: 'string' },
  seed: { type: 'string' },
  mc: { type: 'string' },
  loss: { type: 'string' },
  sweep: { type: 'string' },
  json: { type: 'boolean' },
  backend: { type: 'string' },
  speed: { type: 'boolean' },
  gradients: { type: 'string' },
} as const;

export type BenchFlags = Partial<
  Record<Exclude<keyof typeof benchFlagOptions, 'family' | 'json' | 'speed'>, string>
> & {
  family?: string[];
  json?: boolean;
};

export function wholeNumber(
  flags: BenchFlags,
  name: 'steps' | 'batch' | 'patch' | 'width' | 'depth' | 'seed' | 'mc',
): number | undefined {
  const raw = flags[name];
  if (raw === undefined) return undefined;
  const n = parseNumber(name, raw);
  if (!Number.isInteger(n) || n < (name === 'seed' ? 0 : 1))
    throw new UsageError(`--${name} must be a positive whole number, got ${raw}`);
  return n;
}

export function parseBudget(value: string | undefined): Budget {
  const budget = budgets.find((b) => b === (value ?? 'full'));
  if (!budget) throw new UsageError(`--budget must be one of ${budgets.join(', ')}, got ${value}`);
  return budget;
}

/** `--family gaussian,poisson:0.05` or repeated `--family`: the families (or one level) to bench; all when absent. */
export function parseFamilies(values: readonly string[] | undefined): ConditionFilter[] | undefined {
  if (!values) return undefined;
  return values
    .flatMap((v) => v.split(','))
    .map((item) => {
      const [name, level] = item.trim().split(':');
      const family = noiseFamilies.find((f) => f === name);
      if (!family) throw new UsageError(`unknown noise family '${name}': use one of ${noiseFamilies.join(', ')}`);
      return level === undefined ? { family } : { family, level: parseNumber('family', level) };
    });
}

/** Training options the user set, on top of the budget's. */
export function parseOverrides(flags: BenchFlags): Partial<Omit<TrainOptions, 'noise'>> {
  const out: { -readonly [K in keyof Omit<TrainOptions, 'noise'>]?: TrainOptions[K] } = {};
  if (flags.alpha !== undefined) out.alpha = parseNumber('alpha', flags.alpha);
  if (flags.lr !== undefined) out.learningRate = parseNumber('lr', flags.lr);
  out.steps = wholeNumber(flags, 'steps');
  out.batch = wholeNumber(flags, 'batch');
  out.patch = wholeNumber(flags, 'patch');
  out.seed = wholeNumber(flags, 'seed');
  const kind = flags.net;
  if (kind !== undefined && kind !== 'unet' && kind !== 'dncnn')
    throw new UsageError(`--net must be unet or dncnn, got ${kind}`);
  if (kind !== undefined || flags.width !== undefined || flags.depth !== undefined) {
    out.net = netOf(kind ?? trainDefaults.net.kind, {
      width: wholeNumber(flags, 'width'),
      depth: wholeNumber(flags, 'depth'),
    });
  }
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined));
}

/** `--loss mse` or `--loss nll`: only that GR2R loss. */
export function parseLosses(value: string | undefined): ('mse' | 'nll')[] | undefined {
  if (value === undefined) return undefined;
  if (value !== 'mse' && value !== 'nll') throw new UsageError(`--loss must be mse or nll, got ${value}`);
  return [value];
}
