import { plural } from '../../shared/plural';
import { basename } from 'node:path';
import { estimateFamilySchema, pooledNoiseSpec, type ImageEstimate } from '../../shared/estimate';
import type { FamilyChoice, NoiseFamily, NoiseSpec } from '../../shared/noise';
import { describeNoise, noiseParameterName } from '../../shared/noise';
import { speckleDefaults } from '../../shared/defaults';
import { probeImage } from '../../io';
import { listImages } from '../dataset';
import { rawIsoGroups } from '../../io/raw-folder';
import { estimateTask } from './estimate-task';
import { pooledCorrelated, profileImages } from './noise-profile-task';
import { correlatedRawSpec } from './raw-noise-choice';
import { NoFileLeft } from '../each-file';

/**
 * The family for data given without a noise model: camera raw (DNG) is shot + read noise before demosaicking,
 * independent from pixel to pixel (Poisson-Gaussian), unless measured otherwise (raw-noise-choice.ts); float data is SAR intensity (Gamma speckle); everything else
 * (8/16-bit photos, scans, JPEGs) has been through a pipeline that correlates its noise and makes its level depend on
 * brightness (correlated, measured per image).
 */
export async function chooseFamily(
  data: string,
  note: (message: string) => void,
  recursive = false,
): Promise<NoiseFamily> {
  const { files } = await listImages(data, recursive);
  const probes = (await Promise.all(files.map((f) => probeImage(f).catch(() => undefined)))).filter(
    (p) => p !== undefined,
  );
  if (probes.length > 0 && probes.every((p) => p.format === 'dng')) {
    note(
      'automatic noise model: camera raw files, so shot + read noise (poissongaussian), estimated, where the noise is independent between photosites',
    );
    return 'poissongaussian';
  }
  if (probes.length > 0 && probes.every((p) => p.bitDepth === 32)) {
    note(
      'automatic noise model: float data, taken as SAR intensity, so speckle (gamma), looks estimated (--amplitude for amplitudes)',
    );
    return 'gamma';
  }
  note('automatic noise model: correlated noise with a level by brightness, measured per image');
  return 'correlated';
}

/** Speckle looks that differ by more than this (max / min - 1) across the images are estimated per image. */
export const looksSpreadLimit = 0.3;

/** The per-image looks when they differ by more than looksSpreadLimit ('a.tif 1.02, b.tif 4.6'), else undefined. */
function looksSpread(images: readonly ImageEstimate[]): string | undefined {
  const looks = images.flatMap((e) => (e.family === 'gamma' && e.looks > 0 && Number.isFinite(e.looks) ? [e] : []));
  if (looks.length < 2) return undefined;
  const values = looks.map((e) => e.looks);
  if (Math.max(...values) <= (1 + looksSpreadLimit) * Math.min(...values)) return undefined;
  return looks.map((e) => `${basename(e.name)} ${e.looks.toPrecision(3)}`).join(', ');
}

/** Speckle whose lag-1 correlation is above this is trained on 2x2 sub-images (speckleDefaults.correlationLimit). */
export const speckleCorrelationLimit = speckleDefaults.correlationLimit;

/**
 * The images whose lag-1 speckle correlation (the larger of rows and columns) is above the limit: `all` when every
 * one is (then every image uses sub-images), else `some` names them (each image decides for itself), else undefined.
 */
function speckleCorrelation(
  images: readonly ImageEstimate[],
): { all: true; median: number } | { all: false; files: string } | undefined {
  const lags = images
    .filter((e) => e.family === 'gamma')
    .map((e) => ({ name: e.name, lag: Math.max(e.checks.correlation.horizontal, e.checks.correlation.vertical) }));
  const over = lags.filter((l) => l.lag > speckleCorrelationLimit);
  if (over.length === 0) return undefined;
  if (over.length < lags.length)
    return { all: false, files: over.map((l) => `${basename(l.name)} ${l.lag.toFixed(2)}`).join(', ') };
  const sorted = lags.map((l) => l.lag).sort((a, b) => a - b);
  return { all: true, median: sorted[Math.floor((sorted.length - 1) / 2)]! };
}

/** Speckle measured blind (real SAR) trains with relative errors weighted alike (speckleDefaults.lossGrowth). */
function speckleLoss(spec: NoiseSpec): NoiseSpec {
  return spec.family === 'gamma' ? { ...spec, noiseGrowth: speckleDefaults.lossGrowth } : spec;
}

/**
 * Why one (a, b) does not fit a folder of camera raw files, or undefined when it does: it mixes ISOs (EXIF or DNG
 * ISO). The images' own estimates are not compared: on small or textured images they differ by texture alone.
 */
async function shotNoiseSpread(data: string): Promise<string | undefined> {
  const isos = (await rawIsoGroups(data).catch(() => [])).filter((g) => g.iso > 0);
  return isos.length > 1
    ? `the folder mixes ISOs (${isos.map((g) => `ISO ${g.iso}: ${plural(g.files.length, 'file')}`).join(', ')})`
    : undefined;
}

/** A parameter that cannot be estimated blind: the caller's usage error (a flag in the CLI, a field in the app). */
export class MissingParameterError extends Error {}

/**
 * The noise spec to train with: the one given, or (when the parameter is missing) the estimate over the training
 * images, said in a note with its uncertainty and the estimate's warnings; 'auto' chooses the family first.
 * `amplitude`: gamma files hold amplitudes.
 */
export async function resolveNoiseSpec(
  noise: { family: FamilyChoice; spec?: NoiseSpec },
  data: string,
  note: (message: string) => void,
  amplitude = false,
  recursive = false,
): Promise<NoiseSpec> {
  if (noise.spec) return noise.spec;
  if (noise.family === 'auto') {
    const family = await chooseFamily(data, note, recursive);
    const raw = family === 'poissongaussian' ? await correlatedRawSpec(data, note, recursive) : undefined;
    return raw ?? resolveNoiseSpec({ family }, data, note, amplitude, recursive);
  }
  if (noise.family === 'correlated') {
    const profiled = await profileImages(data, recursive);
    if (profiled.images.length === 0) throw new NoFileLeft(data, profiled.failures, 'measured');
    const { spec, note: said } = pooledCorrelated(profiled.images);
    note(`correlated noise ${said}`);
    return spec;
  }
  const pg = noise.family === 'poissongaussian';
  const family = estimateFamilySchema.safeParse(pg ? 'poisson' : noise.family);
  if (!family.success)
    throw new MissingParameterError(
      `the ${noise.family} parameter is required (--${noiseParameterName[noise.family]}): it cannot be estimated blind`,
    );
  const report = await estimateTask({ input: data, family: family.data, amplitude, recursive });
  const spread = looksSpread(report.images);
  const correlated = speckleCorrelation(report.images);
  if (spread || correlated) {
    const pooled = pooledNoiseSpec(report.pooled, 4);
    const k = speckleDefaults.subsample;
    const subsample = correlated && { subsample: k, ...(!correlated.all && { subsampleCorrelated: true }) };
    const spec: NoiseSpec =
      pooled.family === 'gamma' ? speckleLoss({ ...pooled, perImage: true, ...subsample }) : pooled;
    if (correlated?.all)
      note(
        `speckle correlated between neighbours (lag-1 ${correlated.median.toFixed(2)}, over ${speckleCorrelationLimit}: oversampled, resampled or multilooked data), so training and denoising use the ${k}x${k} pixel-shuffled sub-images, each image with its looks measured on them (docs/quality.md, Real SAR)`,
      );
    else if (correlated)
      note(
        `speckle correlated between neighbours in some images (lag-1 ${correlated.files}, over ${speckleCorrelationLimit}: oversampled, resampled or multilooked data): those are trained and denoised on their ${k}x${k} pixel-shuffled sub-images, the others on their full grid, each file an equal share of the patches (docs/quality.md, Real SAR)`,
      );
    if (spread)
      note(
        `no --looks given: the images' looks differ by more than ${100 * looksSpreadLimit}% (${spread}), so each image is trained and denoised with its own estimate, not one pooled L`,
      );
    return spec;
  }
  const pooledSpec = speckleLoss(pooledNoiseSpec(report.pooled, 4, pg));
  const mixed = pg ? await shotNoiseSpread(data) : undefined;
  const spec: NoiseSpec =
    mixed && pooledSpec.family === 'poissongaussian' ? { ...pooledSpec, perImage: true } : pooledSpec;
  if (mixed)
    note(
      `no --a/--b given: ${mixed}, so each image is trained and denoised with its own a and b (recorruption is per image), the pooled pair where one cannot be measured`,
    );
  const { count: images, uncertainty } = report.pooled;
  const grown = spec.family === 'gamma' ? spec.noiseGrowth : undefined;
  note(
    `no ${pg ? '--a/--b' : `--${noiseParameterName[noise.family]}`} given: training with the estimate ${describeNoise(spec.family === 'gamma' ? { ...spec, noiseGrowth: undefined } : spec)} ± ${(100 * uncertainty).toFixed(1)}%, pooled over ${plural(images, 'image')} (see gr2r estimate)${grown ? `; GR2R-MSE weighted by the local level^-${grown} (relative errors alike: docs/quality.md, Real SAR)` : ''}`,
  );
  for (const warning of report.warnings) note(`estimate: ${warning}`);
  return spec;
}
