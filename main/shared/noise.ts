import { z } from 'zod';

/** Noise parameters, always in the units of the image data (docs/method.md). */
export const noiseSpecSchema = z.discriminatedUnion('family', [
  z.object({ family: z.literal('gaussian'), sigma: z.number().positive() }),
  z.object({ family: z.literal('poisson'), gain: z.number().positive() }),
  z.object({ family: z.literal('gamma'), looks: z.number().positive() }),
  z.object({ family: z.literal('binomial'), trials: z.number().int().min(2) }),
  z.object({ family: z.literal('lograyleigh'), scale: z.number().positive() }),
  z.object({ family: z.literal('poissongaussian'), a: z.number().positive(), b: z.number().nonnegative(), method: z.enum(['lattice', 'anscombe']).optional() }),
]);

export type NoiseSpec = z.infer<typeof noiseSpecSchema>;
export type NoiseFamily = NoiseSpec['family'];

export const noiseFamilies: readonly NoiseFamily[] = ['gaussian', 'poisson', 'gamma', 'binomial', 'lograyleigh', 'poissongaussian'];

/** The name of each family's one parameter, as the CLI flag and the JSON key. */
export const noiseParameterName = {
  gaussian: 'sigma',
  poisson: 'gain',
  gamma: 'looks',
  binomial: 'trials',
  lograyleigh: 'scale',
  poissongaussian: 'a',
} as const satisfies Record<NoiseFamily, string>;

export function noiseParameter(spec: NoiseSpec): number {
  switch (spec.family) {
    case 'gaussian': return spec.sigma;
    case 'poisson': return spec.gain;
    case 'gamma': return spec.looks;
    case 'binomial': return spec.trials;
    case 'lograyleigh': return spec.scale;
    case 'poissongaussian': return spec.a;
  }
}

export function describeNoise(spec: NoiseSpec): string {
  return `${spec.family} ${noiseParameterName[spec.family]}=${noiseParameter(spec)}${spec.family === 'poissongaussian' ? ` b=${spec.b}${spec.method === 'anscombe' ? ' (Anscombe)' : ''}` : ''}`;
}
