import type { FamilyChoice, NoiseFamily, NoiseSpec } from '../shared/noise';
import { noiseFamilies, noiseParameterName, noiseSpecSchema } from '../shared/noise';
import { UsageError } from './command';

/** The flag options every command that takes a noise model accepts. */
export const noiseFlagOptions = {
  noise: { type: 'string' },
  sigma: { type: 'string' },
  gain: { type: 'string' },
  looks: { type: 'string' },
  trials: { type: 'string' },
  scale: { type: 'string' },
  a: { type: 'string' },
  b: { type: 'string' },
  anscombe: { type: 'boolean' },
} as const;

export type NoiseFlags = Partial<Record<Exclude<keyof typeof noiseFlagOptions, 'anscombe'>, string>> & {
  anscombe?: boolean;
};

export function parseFamily(value: string | undefined): NoiseFamily {
  if (!value) throw new UsageError(`--noise is required: one of ${noiseFamilies.join(', ')}`);
  const family = noiseFamilies.find((f) => f === value);
  if (!family) throw new UsageError(`unknown noise family '${value}': use one of ${noiseFamilies.join(', ')}`);
  return family;
}

export function parseNumber(flag: string, value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) throw new UsageError(`--${flag} must be a number, got '${value}'`);
  return n;
}

/** The noise spec from flags, or undefined when the family's parameter is not given (to be estimated). */
export function parseNoise(flags: NoiseFlags): { family: FamilyChoice; spec?: NoiseSpec } {
  if (flags.noise === undefined || flags.noise === 'auto') return { family: 'auto' };
  const family = parseFamily(flags.noise);
  if (family === 'correlated') return { family };
  if (family === 'poissongaussian') return parsePoissonGaussian(flags);
  const name = noiseParameterName[family];
  const raw = flags[name];
  if (raw === undefined) return { family };
  const parsed = noiseSpecSchema.safeParse({ family, [name]: parseNumber(name, raw) });
  if (!parsed.success)
    throw new UsageError(`--${name} ${raw} is not valid for ${family} noise: ${parsed.error.issues[0]?.message}`);
  return { family, spec: parsed.data };
}

/** Poisson-Gaussian takes two parameters, var = a x + b: both, or neither (estimated). */
function parsePoissonGaussian(flags: NoiseFlags): { family: NoiseFamily; spec?: NoiseSpec } {
  if (flags.a === undefined && flags.b === undefined) return { family: 'poissongaussian' };
  if (flags.a === undefined || flags.b === undefined)
    throw new UsageError(
      'poissongaussian noise needs both --a (gain) and --b (read-noise variance), var = a x + b, or neither to estimate them',
    );
  const method = flags.anscombe ? { method: 'anscombe' } : {};
  const parsed = noiseSpecSchema.safeParse({
    family: 'poissongaussian',
    a: parseNumber('a', flags.a),
    b: parseNumber('b', flags.b),
    ...method,
  });
  if (!parsed.success)
    throw new UsageError(
      `--a ${flags.a} --b ${flags.b} are not valid for poissongaussian noise: ${parsed.error.issues[0]?.message}`,
    );
  return { family: 'poissongaussian', spec: parsed.data };
}
