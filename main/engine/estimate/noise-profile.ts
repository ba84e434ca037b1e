import type { NoiseProfile } from '../../shared/noise';
import type { ImageF32 } from '../image';
import { channelOf, isGrayAsColour } from '../image';
import { localBrightness, sigmaAt } from '../noise/correlated-field';
import { correlationKernel } from './correlation-kernel';
import type { Block } from './flat-blocks';
import { flatBlocks, planeResiduals } from './flat-blocks';
import { centralCrop } from './central-crop';
import { planeFitBias, solveLinear } from './plane-fit-bias';
import { median } from './robust';

export interface ProfileEstimate {
  readonly profile: NoiseProfile;
  /** The noise standard deviation per channel over the whole image (the level function at each pixel's brightness). */
  readonly std: number[];
  /** Flat blocks measured. */
  readonly blocks: number;
}

/** Default half-width of the correlation window: 9 x 9 lags, enough for demosaicking, JPEG and SAR oversampling. */
export const profileRadius = 4;

/**
 * Blind estimate of real noise (docs/real-noise.md): its level as a function of brightness, per
 * channel, and its correlation over a (2 radius + 1)^2 window and across channels, from the flattest blocks of each
 * brightness band. JPEG's perfectly flat blocks (variance near 0: quantised away, not noise-free) are left out of the
 * level. Mean removal in a block of N pixels lowers every lag's covariance by about sum_d R(d) / N: added back.
 */
export function estimateProfile(whole: ImageF32, radius = profileRadius, directional = false): ProfileEstimate {
  const cropped = centralCrop(whole);
  const image = isGrayAsColour(cropped) ? channelOf(cropped, 0) : cropped;
  const c = image.channels;
  const bands = flatBlocks(image, blockSize)
    .filter((band) => band.length > 0)
    .map((band) => band.slice(0, maxBlocksPerBand));
  if (bands.length === 0)
    throw new Error(
      `the image is too small or too clipped to measure its noise (needs flat ${blockSize}x${blockSize} blocks)`,
    );
  const levels = capRises(
    bands.map((band) => bandVariances(band, c)),
    bands.map((band) => median(band.map((b) => b.brightness))),
  );
  const calm = bands.map((band, i) => band.filter((b) => b.variances.every((v, k) => v <= 2 * levels[i]![k]!)));
  const rho = unbiased(correlation(image, calm, levels, radius, directional), radius, c);
  const side = 2 * radius + 1;
  const centre = radius * side + radius;
  const gains = Array.from({ length: c }, (_, k) => rho[centre * c * c + k * c + k]!);
  for (let t = 0; t < side * side; t++) {
    for (let a = 0; a < c; a++)
      for (let b = 0; b < c; b++) rho[(t * c + a) * c + b]! /= Math.sqrt(gains[a]! * gains[b]!) || 1;
  }
  const knots = mergeKnots(
    bands.map((band, i) => ({
      level: median(band.map((b) => b.brightness)),
      sigma: levels[i]!.map((v, k) => Math.sqrt(v * gains[k]!)),
    })),
  );
  const profile: NoiseProfile = {
    radius,
    channels: c,
    kernel: correlationKernel(rho, radius, c, directional),
    levels: knots.map((k) => k.level),
    sigmas: knots.map((k) => k.sigma),
    ...(directional && { directional }),
  };
  return { profile, std: imageStd(image, profile), blocks: bands.reduce((s, b) => s + b.length, 0) };
}

const blockSize = 16;
const maxBlocksPerBand = 400;

/** rho with the plane fit's bias undone (plane-fit-bias.ts), channel pair by channel pair. */
function unbiased(rho: Float64Array, radius: number, c: number): Float64Array {
  const lags = (2 * radius + 1) ** 2;
  const t = planeFitBias(blockSize, radius);
  const out = new Float64Array(rho.length);
  for (let k = 0; k < c * c; k++) {
    const measured = Float64Array.from({ length: lags }, (_, d) => rho[d * c * c + k]!);
    const solved = solveLinear(t, measured, lags);
    for (let d = 0; d < lags; d++) out[d * c * c + k] = solved[d]!;
  }
  return out;
}

/**
 * Texture the flattest blocks of a band could not avoid reads as noise, far above the bands beside it (the darkest
 * and brightest bands, which span the widest range, most often). Walking out from the quietest band, each band's
 * variance is capped at `rise` times its inner neighbour's (per channel): real levels change gradually with brightness.
 */
function capRises(levels: number[][], brightness: number[], rise = 2.25): number[][] {
  const order = brightness
    .map((b, i) => ({ b, i }))
    .sort((p, q) => p.b - q.b)
    .map((o) => o.i);
  const out = levels.map((l) => [...l]);
  const channels = levels[0]?.length ?? 0;
  for (let k = 0; k < channels; k++) {
    let quiet = 0;
    order.forEach((band, at) => {
      if (out[band]![k]! < out[order[quiet]!]![k]!) quiet = at;
    });
    for (let at = quiet + 1; at < order.length; at++)
      out[order[at]!]![k] = Math.min(out[order[at]!]![k]!, rise * out[order[at - 1]!]![k]!);
    for (let at = quiet - 1; at >= 0; at--)
      out[order[at]!]![k] = Math.min(out[order[at]!]![k]!, rise * out[order[at + 1]!]![k]!);
  }
  return out;
}

/** Per channel, the median variance of the band's blocks, leaving out JPEG-flattened ones (under 5% of the median). */
function bandVariances(band: readonly Block[], channels: number): number[] {
  return Array.from({ length: channels }, (_, k) => {
    const all = band.map((b) => b.variances[k]!);
    const typical = median(all);
    const live = all.filter((v) => v > 0.05 * typical);
    return live.length ? median(live) : typical;
  });
}

/**
 * The noise's covariance over lags |dy|, |dx| <= radius, C x C per lag, of the blocks' residuals (each value minus its
 * block's mean, divided by its band's level): rho(d)[a][b] = E[u_a(p) u_b(p + d)], averaged with rho(-d)[b][a] (the
 * same quantity); unless `directional`, also made even in d and across channels.
 */
function correlation(
  image: ImageF32,
  bands: readonly Block[][],
  levels: readonly number[][],
  radius: number,
  directional: boolean,
): Float64Array {
  const c = image.channels;
  const side = 2 * radius + 1;
  const sums = new Float64Array(side * side * c * c);
  const counts = new Float64Array(side * side);
  bands.forEach((band, bi) => {
    const scale = levels[bi]!.map((v) => (v > 0 ? 1 / Math.sqrt(v) : 0));
    for (const block of band) {
      const { top, left, size } = block;
      const r = planeResiduals(image, top, left, size);
      for (let p = 0; p < size * size; p++) for (let k = 0; k < c; k++) r[p * c + k]! *= scale[k]!;
      for (let dy = -radius; dy <= radius; dy++) {
        for (let dx = -radius; dx <= radius; dx++) {
          const t = (dy + radius) * side + dx + radius;
          for (let i = Math.max(0, -dy); i < Math.min(size, size - dy); i++) {
            for (let j = Math.max(0, -dx); j < Math.min(size, size - dx); j++) {
              const p = (i * size + j) * c;
              const q = ((i + dy) * size + j + dx) * c;
              for (let a = 0; a < c; a++)
                for (let b = 0; b < c; b++) sums[(t * c + a) * c + b]! += r[p + a]! * r[q + b]!;
              counts[t]! += 1;
            }
          }
        }
      }
    }
  });
  const rho = new Float64Array(sums.length);
  for (let dy = -radius; dy <= radius; dy++) {
    for (let dx = -radius; dx <= radius; dx++) {
      const t = (dy + radius) * side + dx + radius;
      const m = (radius - dy) * side + radius - dx;
      for (let a = 0; a < c; a++) {
        for (let b = 0; b < c; b++) {
          const same = sums[(t * c + a) * c + b]! / counts[t]! + sums[(m * c + b) * c + a]! / counts[m]!;
          const mirrored = sums[(t * c + b) * c + a]! / counts[t]! + sums[(m * c + a) * c + b]! / counts[m]!;
          rho[(t * c + a) * c + b] = directional ? same / 2 : (same + mirrored) / 4;
        }
      }
    }
  }
  return rho;
}

/** Knots in increasing brightness, bands of (nearly) equal brightness merged. */
function mergeKnots(knots: { level: number; sigma: number[] }[]): { level: number; sigma: number[] }[] {
  const sorted = [...knots].sort((a, b) => a.level - b.level);
  const out: { level: number; sigma: number[] }[] = [];
  for (const k of sorted) {
    const last = out[out.length - 1];
    if (last && k.level - last.level < 1e-6 * Math.max(1, Math.abs(k.level)))
      last.sigma = last.sigma.map((s, i) => (s + k.sigma[i]!) / 2);
    else out.push({ level: k.level, sigma: [...k.sigma] });
  }
  return out;
}

/** sqrt(mean of sigma_c(m)^2) over the image's pixels (every 4th row and column), per channel. */
function imageStd(image: ImageF32, profile: NoiseProfile): number[] {
  const m = localBrightness(image.data, image.height, image.width, image.channels);
  const sums = new Float64Array(image.channels);
  let n = 0;
  for (let i = 0; i < image.height; i += 4) {
    for (let j = 0; j < image.width; j += 4) {
      for (let k = 0; k < image.channels; k++) sums[k]! += sigmaAt(profile, m[i * image.width + j]!, k) ** 2;
      n++;
    }
  }
  return Array.from(sums, (s) => Math.sqrt(s / Math.max(n, 1)));
}
