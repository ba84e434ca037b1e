import { z } from 'zod';
import type { NoiseSpec } from './noise';
import { noiseProfileSchema } from './noise';

/** The families whose parameter can be estimated blind (issue 3). */
export const estimateFamilySchema = z.enum(['gaussian', 'poisson', 'gamma']);
export type EstimateFamily = z.infer<typeof estimateFamilySchema>;

/** What an image says about the assumptions GR2R makes, before training on it. */
export const imageChecksSchema = z.object({
  /** Lag-1 autocorrelation of the noise; GR2R assumes 0 (independent pixels). */
  correlation: z.object({ horizontal: z.number(), vertical: z.number() }),
  /** Fractions of values at the image's minimum and at its maximum (clipping changes the noise law). */
  clipped: z.object({ low: z.number(), high: z.number() }),
  /** Poisson only: the step the values lie on (null: none), and whether it is the gain. */
  lattice: z.object({ step: z.number().nullable(), matchesGain: z.boolean() }).optional(),
  /** p in variance ~ mean^p (0 Gaussian, 1 Poisson, 2 Gamma), null when the brightness range is too narrow. */
  varianceExponent: z.number().nullable(),
  /** The family that exponent points to. */
  suggestedFamily: estimateFamilySchema.nullable(),
});
export type ImageChecks = z.infer<typeof imageChecksSchema>;

/**
 * Real noise as it is, whatever the family asked for (8/16-bit images): its standard deviation per channel over the
 * image, the correlation of the noise at lags (dy, dx) with |dy|, |dx| <= 4 averaged over channels (9 rows of 9,
 * the centre 1), and the full profile the `correlated` family trains with (docs/real-noise.md).
 */
export const realNoiseSchema = z.object({
  std: z.array(z.number()),
  correlation: z.array(z.array(z.number())),
  profile: noiseProfileSchema,
});
export type RealNoise = z.infer<typeof realNoiseSchema>;

const imageCommon = {
  /** Camera photos and other 8/16-bit images: the noise measured as it is (docs/real-noise.md). */
  realNoise: realNoiseSchema.optional(),
  name: z.string(),
  /** The parameter per channel. */
  channels: z.array(z.number()),
  /** Relative standard error of the parameter (0.02: +-2%). */
  uncertainty: z.number().nonnegative(),
  /** False when the image has too few flat regions: the value is then biased by texture. */
  flat: z.boolean(),
  checks: imageChecksSchema,
};

export const imageEstimateSchema = z.discriminatedUnion('family', [
  z.object({
    family: z.literal('gaussian'),
    sigma: z.number(),
    crossChecks: z.object({ haarMad: z.number(), immerkaer: z.number() }),
    ...imageCommon,
  }),
  z.object({
    family: z.literal('poisson'),
    gain: z.number(),
    /** Poisson-Gaussian fit var = a * mean + b: b > 0 is read noise. */
    a: z.number(),
    b: z.number(),
    /** The gain from the noise variance alone, and the lattice step when it agreed and was taken instead. */
    crossChecks: z.object({ variance: z.number(), lattice: z.number().nullable() }),
    ...imageCommon,
  }),
  z.object({
    family: z.literal('gamma'),
    looks: z.number(),
    crossChecks: z.object({ moments: z.number(), log: z.number() }),
    /** Whether the data were squared first (amplitude to intensity). */
    amplitude: z.boolean(),
    ...imageCommon,
  }),
]);
export type ImageEstimate = z.infer<typeof imageEstimateSchema>;

const pooledCommon = {
  /** Robust relative spread of the per-image values (0 for one image). */
  spread: z.number().nonnegative(),
  /** Relative standard error of the pooled value. */
  uncertainty: z.number().nonnegative(),
  /** Images pooled, and the names of those left out as outliers. */
  count: z.number().int().nonnegative(),
  outliers: z.array(z.string()),
};

export const pooledEstimateSchema = z.discriminatedUnion('family', [
  z.object({ family: z.literal('gaussian'), sigma: z.number(), ...pooledCommon }),
  z.object({ family: z.literal('poisson'), gain: z.number(), a: z.number(), b: z.number(), ...pooledCommon }),
  z.object({ family: z.literal('gamma'), looks: z.number(), ...pooledCommon }),
]);
export type PooledEstimate = z.infer<typeof pooledEstimateSchema>;

/** `gr2r estimate --json` prints exactly this; the app shows it. */
export const estimateReportSchema = z.object({
  images: z.array(imageEstimateSchema),
  pooled: pooledEstimateSchema,
  warnings: z.array(z.string()),
  /** Without --noise: the family gr2r train would choose for these files, and why. */
  automatic: z.object({ family: z.string(), why: z.string() }).optional(),
});
export type EstimateReport = z.infer<typeof estimateReportSchema>;

/**
 * Where the fit's variance does not grow with brightness (a <= 0: shot noise below what a flat or dark image can
 * show), the shot term kept: at most this share of the read noise b over [0, 1] (a = share x b), as the family needs
 * a > 0.
 */
export const minShotShare = 0.01;

/**
 * The noise spec training should use when the user gives no parameter, to `digits` significant digits; from a
 * Poisson estimate, `poissongaussian` takes its line fit var = a x + b (b at least 0, a at least minShotShare b).
 */
export function pooledNoiseSpec(pooled: PooledEstimate, digits = 17, poissonGaussian = false): NoiseSpec {
  const round = (v: number) => Number(v.toPrecision(digits));
  if (poissonGaussian && pooled.family === 'poisson') {
    const b = Math.max(0, pooled.b);
    const a = pooled.a > 0 ? pooled.a : minShotShare * b;
    if (!(a > 0)) throw new Error('no noise measured: the variance is 0 at every brightness');
    return { family: 'poissongaussian', a: round(a), b: round(b) };
  }
  switch (pooled.family) {
    case 'gaussian':
      return { family: 'gaussian', sigma: round(pooled.sigma) };
    case 'poisson':
      return { family: 'poisson', gain: round(pooled.gain) };
    case 'gamma':
      return { family: 'gamma', looks: round(pooled.looks) };
  }
}
