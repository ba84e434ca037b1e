import type { EstimateFamily, ImageEstimate, PooledEstimate } from '../../shared/estimate';
import { noiseParameterName } from '../../shared/noise';
import { mean, median, robustStd } from './robust';

/** The parameter of an image estimate, whatever its family. */
export function parameterOf(e: ImageEstimate): number {
  switch (e.family) {
    case 'gaussian':
      return e.sigma;
    case 'poisson':
      return e.gain;
    case 'gamma':
      return e.looks;
  }
}

/** Images further than this (in log) from the median, or 3 robust spreads, are outliers. */
const outlierLog = 0.15;

/**
 * One estimate from images that share a sensor: the geometric mean of the inliers. Spread is the
 * relative spread of the inliers; the uncertainty divides the larger of that spread and the images'
 * own errors by sqrt(count).
 */
export function poolEstimates(
  estimates: readonly ImageEstimate[],
  family: EstimateFamily,
): { pooled: PooledEstimate; warnings: string[] } {
  const logs = estimates.map((e) => Math.log(parameterOf(e)));
  const centre = median(logs);
  const scale = estimates.length >= 3 ? robustStd(logs) : 0;
  const isOutlier = (l: number) => estimates.length >= 3 && Math.abs(l - centre) > Math.max(outlierLog, 3 * scale);
  const inliers = estimates.filter((_, k) => !isOutlier(logs[k]));
  const inLogs = inliers.map((e) => Math.log(parameterOf(e)));
  const value = Math.exp(mean(inLogs));
  const spread =
    inLogs.length > 1 ? Math.sqrt(inLogs.reduce((s, l) => s + (l - Math.log(value)) ** 2, 0) / (inLogs.length - 1)) : 0;
  const own = Math.sqrt(mean(inliers.map((e) => e.uncertainty ** 2)));
  const common = {
    spread,
    uncertainty: Math.max(spread, own) / Math.sqrt(inliers.length),
    count: inliers.length,
    outliers: estimates.filter((_, k) => isOutlier(logs[k])).map((e) => e.name),
  };
  return {
    pooled: pooledOf(family, value, inliers, common),
    warnings: poolWarnings(estimates, logs, isOutlier, value, spread, family),
  };
}

function pooledOf(
  family: EstimateFamily,
  value: number,
  inliers: readonly ImageEstimate[],
  common: Omit<PooledEstimate, 'family' | 'sigma' | 'gain' | 'looks' | 'a' | 'b'>,
): PooledEstimate {
  switch (family) {
    case 'gaussian':
      return { family, sigma: value, ...common };
    case 'gamma':
      return { family, looks: value, ...common };
    case 'poisson': {
      const affine = inliers.flatMap((e) => (e.family === 'poisson' ? [e] : []));
      return { family, gain: value, a: mean(affine.map((e) => e.a)), b: mean(affine.map((e) => e.b)), ...common };
    }
  }
}

function poolWarnings(
  estimates: readonly ImageEstimate[],
  logs: number[],
  isOutlier: (l: number) => boolean,
  value: number,
  spread: number,
  family: EstimateFamily,
): string[] {
  const param = noiseParameterName[family];
  const fmt = (v: number) => Number(v.toPrecision(3)).toString();
  const warnings = estimates
    .filter((_, k) => isOutlier(logs[k]))
    .map(
      (e) =>
        `${e.name}: outlier: ${param} ${fmt(parameterOf(e))} is far from the pooled ${fmt(value)}; left out of the pooled value (another sensor, setting or processing?).`,
    );
  if (spread > 0.2)
    warnings.push(
      `the images disagree: their ${param} spreads by ${fmt(100 * spread)}%; they may not share one noise level.`,
    );
  return warnings;
}
