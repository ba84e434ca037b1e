import { z } from 'zod';

/**
 * Real noise as cameras and SAR processors leave it: Gaussian, correlated in space and across channels, with a
 * level that depends on the brightness (docs/real-noise.md). Unit-level noise u = K * z (z white,
 * N(0, 1) per channel; K a (2r+1)^2 kernel of C x C mixing matrices, so Var(u_c) = 1); the noise of channel c is
 * sigma_c(m) u_c, where m is the local mean brightness and sigma_c piecewise linear through (levels[i], sigmas[i][c]).
 */
export const noiseProfileSchema = z
  .object({
    radius: z.number().int().min(0).max(8),
    channels: z.number().int().positive(),
    /** K[dy][dx][cOut][cIn], row-major, dy and dx from -radius to radius. */
    kernel: z.array(z.number()),
    /** Brightness knots (the mean over channels of the local mean), increasing. */
    levels: z.array(z.number()).min(1),
    /** Noise standard deviation per knot and channel. */
    sigmas: z.array(z.array(z.number().nonnegative())).min(1),
    /**
     * Cross-channel correlation kept direction-dependent (only C_ab(d) = C_ba(-d), as for any stationary noise): the
     * CFA planes of a raw file sit on offset photosites. Without it the estimate is also made even (C_ab(d) = C_ab(-d)),
     * right for a photo's channels, which share one grid, and half as noisy.
     */
    directional: z.boolean().optional(),
  })
  .refine(
    (p) => p.kernel.length === (2 * p.radius + 1) ** 2 * p.channels ** 2,
    'kernel length must be (2 radius + 1)^2 channels^2',
  )
  .refine(
    (p) => p.sigmas.length === p.levels.length && p.sigmas.every((s) => s.length === p.channels),
    'one sigma per knot and channel',
  );
export type NoiseProfile = z.infer<typeof noiseProfileSchema>;

/** Noise parameters, always in the units of the image data (docs/method.md). */
export const noiseSpecSchema = z.discriminatedUnion('family', [
  z.object({ family: z.literal('gaussian'), sigma: z.number().positive() }),
  z.object({ family: z.literal('poisson'), gain: z.number().positive() }),
  z.object({
    family: z.literal('gamma'),
    /** The looks pooled over the training images (used where an image's own cannot be estimated). */
    looks: z.number().positive(),
    /** Estimate each image's own looks, in training and when denoising (files whose ENL differs widely). */
    perImage: z.boolean().optional(),
    /**
     * Train and denoise the k x k pixel-shuffled sub-images (every k-th pixel): speckle correlated between neighbours
     * (resampled GRD products) is much less so k pixels apart. The output keeps the full grid.
     */
    subsample: z.number().int().min(2).max(4).optional(),
    /**
     * Only the images whose own lag-1 speckle correlation is above speckleDefaults.correlationLimit use the
     * sub-images, decided per image in training and denoising (a folder mixing whitened SLC and GRD files).
     */
    subsampleCorrelated: z.boolean().optional(),
    /**
     * Weight GR2R-MSE by the local level to the power -q (engine/loss-weights.ts; the family's own q = 1 when absent).
     * q = 2 weighs relative errors alike, dark clutter as much as bright targets (SAR: docs/quality.md, Real SAR).
     */
    noiseGrowth: z.number().min(0).max(2).optional(),
  }),
  z.object({ family: z.literal('binomial'), trials: z.number().int().min(2) }),
  z.object({ family: z.literal('lograyleigh'), scale: z.number().positive() }),
  z.object({
    family: z.literal('poissongaussian'),
    /** Pooled over the training images (used where an image's own cannot be estimated). */
    a: z.number().positive(),
    b: z.number().nonnegative(),
    method: z.enum(['lattice', 'anscombe']).optional(),
    /** Estimate each image's own (a, b), in training and when denoising (a folder mixing ISOs). */
    perImage: z.boolean().optional(),
  }),
  z.object({
    family: z.literal('correlated'),
    /** The profile pooled over the training images (used where an image's own cannot be estimated). */
    profile: noiseProfileSchema,
    /** Estimate each image's own profile, in training and when denoising (folders mixing cameras and ISOs). */
    perImage: z.boolean().optional(),
    /** Multiplies the measured level (flat areas read lower than textured ones: in-camera noise reduction). */
    levelScale: z.number().positive().optional(),
    /** Weight GR2R-MSE by the local level to the power -q (camera raw: shot noise, q = 1/2; engine/loss-weights.ts). */
    noiseGrowth: z.number().min(0).max(1).optional(),
  }),
]);

export type NoiseSpec = z.infer<typeof noiseSpecSchema>;
export type NoiseFamily = NoiseSpec['family'];
/** A family, or 'auto': chosen from the data (camera raw, SAR float, or correlated for everything else). */
export type FamilyChoice = NoiseFamily | 'auto';

/**
 * What a training request may name: a full spec, or a choice whose parameters are measured from the data when
 * training starts ('auto', or 'correlated' whose profile is estimated per image).
 */
export const noiseChoiceSchema = z.union([
  noiseSpecSchema,
  z.object({ family: z.enum(['auto', 'correlated']) }).strict(),
]);
export type NoiseChoice = z.infer<typeof noiseChoiceSchema>;

/** The choice as a full spec, or null when its parameters are still to be measured. */
export function choiceSpec(choice: NoiseChoice): NoiseSpec | null {
  const parsed = noiseSpecSchema.safeParse(choice);
  return parsed.success ? parsed.data : null;
}

export const noiseFamilies: readonly NoiseFamily[] = [
  'gaussian',
  'poisson',
  'gamma',
  'binomial',
  'lograyleigh',
  'poissongaussian',
  'correlated',
];

/** The name of each family's one parameter, as the CLI flag and the JSON key. */
export const noiseParameterName = {
  gaussian: 'sigma',
  poisson: 'gain',
  gamma: 'looks',
  binomial: 'trials',
  lograyleigh: 'scale',
  poissongaussian: 'a',
  correlated: 'sigma',
} as const satisfies Record<NoiseFamily, string>;

export function noiseParameter(spec: NoiseSpec): number {
  switch (spec.family) {
    case 'gaussian':
      return spec.sigma;
    case 'poisson':
      return spec.gain;
    case 'gamma':
      return spec.looks;
    case 'binomial':
      return spec.trials;
    case 'lograyleigh':
      return spec.scale;
    case 'poissongaussian':
      return spec.a;
    case 'correlated':
      return profileSigma(spec.profile);
  }
}

/** The profile's typical noise standard deviation: the median over knots and channels. */
export function profileSigma(profile: NoiseProfile): number {
  const all = profile.sigmas.flat().sort((a, b) => a - b);
  return all[Math.floor(all.length / 2)] ?? 0;
}

/** The correlation of unit-level noise u = K * z at lag (dy, dx), averaged over channels: sum_d K(d) K(d + lag)^T. */
export function profileCorrelation(profile: NoiseProfile, ly: number, lx: number): number {
  const { radius: r, channels: c, kernel } = profile;
  const side = 2 * r + 1;
  const tap = (dy: number, dx: number, o: number, i: number) => kernel[(((dy + r) * side + dx + r) * c + o) * c + i]!;
  let sum = 0;
  let zero = 0;
  for (let o = 0; o < c; o++) {
    for (let dy = -r; dy <= r; dy++) {
      for (let dx = -r; dx <= r; dx++) {
        for (let i = 0; i < c; i++) {
          zero += tap(dy, dx, o, i) ** 2;
          if (Math.abs(dy + ly) <= r && Math.abs(dx + lx) <= r) sum += tap(dy, dx, o, i) * tap(dy + ly, dx + lx, o, i);
        }
      }
    }
  }
  return zero > 0 ? sum / zero : 0;
}

export function describeNoise(spec: NoiseSpec): string {
  if (spec.family === 'correlated') {
    const [across, down] = [profileCorrelation(spec.profile, 0, 1), profileCorrelation(spec.profile, 1, 0)];
    const where = spec.perImage ? ', estimated per image' : '';
    return `correlated sigma~${profileSigma(spec.profile).toPrecision(3)} (lag-1 ${across.toFixed(2)}/${down.toFixed(2)}, ${2 * spec.profile.radius + 1}x${2 * spec.profile.radius + 1} kernel, level by brightness${where})`;
  }
  if (spec.family === 'gamma' && spec.noiseGrowth !== undefined) {
    const { noiseGrowth, ...rest } = spec;
    return `${describeNoise(rest)}, loss weighted by the local level^-${noiseGrowth}`;
  }
  if (spec.family === 'gamma' && (spec.perImage || spec.subsample)) {
    const which = spec.subsampleCorrelated ? ' (the images with correlated speckle)' : '';
    const on = spec.subsample ? `, on ${spec.subsample}x${spec.subsample} pixel-shuffled sub-images${which}` : '';
    return spec.perImage
      ? `gamma looks estimated per image (pooled ${spec.looks} where one cannot be)${on}`
      : `gamma looks=${spec.looks}${on}`;
  }
  if (spec.family === 'poissongaussian' && spec.perImage) {
    return `poissongaussian a and b estimated per image (pooled a=${spec.a} b=${spec.b} where one cannot be)${spec.method === 'anscombe' ? ' (Anscombe)' : ''}`;
  }
  return `${spec.family} ${noiseParameterName[spec.family]}=${noiseParameter(spec)}${spec.family === 'poissongaussian' ? ` b=${spec.b}${spec.method === 'anscombe' ? ' (Anscombe)' : ''}` : ''}`;
}
