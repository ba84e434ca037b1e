import { describe, expect, it } from 'vitest';
import { estimateProfile } from '../../main/engine/estimate/noise-profile';
import { makeImage } from '../../main/engine/image';
import { noiseModel } from '../../main/engine/noise';
import { correlatedNoise } from '../../main/engine/noise/correlated';
import { gaussianNoise } from '../../main/engine/noise/gaussian';
import type { BatchShape, NoiseModel } from '../../main/engine/noise';
import { Rng } from '../../main/engine/random/rng';
import type { NoiseProfile } from '../../main/shared/noise';
import { noiseSpecSchema, profileCorrelation } from '../../main/shared/noise';
import { cleanPattern, meanAndStdErr } from './noise-cases';

const H = 16;
const W = 16;
const shape: BatchShape = [1, H, W, 1];

/** A 3x3 kernel of unit energy with strong neighbours: lag-1 correlation about 0.6, like demosaicked photos. */
function blurProfile(sigma: number): NoiseProfile {
  const taps = [0.5, 1, 0.5, 1, 2, 1, 0.5, 1, 0.5];
  const norm = Math.hypot(...taps);
  const kernel = taps.map((t) => t / norm);
  return { radius: 1, channels: 1, kernel, levels: [0.5], sigmas: [[sigma]] };
}

/** tanh of a 3x3 box blur: a fixed nonlinear f that never sees y2, and that averages neighbours (so it sees correlation). */
function f(y: Float32Array): Float32Array {
  const out = new Float32Array(y.length);
  for (let i = 0; i < H; i++) {
    for (let j = 0; j < W; j++) {
      let sum = 0,
        n = 0;
      for (let a = Math.max(0, i - 1); a <= Math.min(H - 1, i + 1); a++)
        for (let b = Math.max(0, j - 1); b <= Math.min(W - 1, j + 1); b++) {
          sum += y[a * W + b]!;
          n++;
        }
      out[i * W + j] = Math.tanh(2 * (sum / n) - 0.5);
    }
  }
  return out;
}

const mse = (a: Float32Array, b: Float32Array) => a.reduce((s, v, i) => s + (v - b[i]!) ** 2, 0) / a.length;

/** z-score of mean(|f(y1) - y2|^2 - |f(y1) - x|^2 - C) over draws of correlated y, recorrupted by `recorrupter`. */
function unbiasednessZ(truth: NoiseModel, recorrupter: NoiseModel, alpha: number, draws: number, seed: number): number {
  const x = cleanPattern(H, W, [0, 1]);
  const c = truth.lossConstant(x, alpha);
  const gaps = new Float64Array(draws);
  for (let r = 0; r < draws; r++) {
    const rng = Rng.derive(seed, r);
    const y = truth.sample(x, rng, shape);
    const { y1, y2 } = recorrupter.recorrupt(y, alpha, rng, shape);
    const fy1 = f(y1);
    gaps[r] = mse(fy1, y2) - mse(fy1, x) - c;
  }
  const { mean, se } = meanAndStdErr(gaps);
  return mean / se;
}

describe('GR2R for correlated Gaussian noise', () => {
  const sigma = 0.1;
  const truth = correlatedNoise(blurProfile(sigma));

  it('recorrupting with the noise covariance keeps the loss unbiased (seeded, 4000 draws, |z| < 4)', () => {
    expect(Math.abs(unbiasednessZ(truth, truth, 0.25, 4000, 11))).toBeLessThan(4);
  });

  it('white recorruption of the same correlated noise fails the same check (the old failure)', () => {
    expect(Math.abs(unbiasednessZ(truth, gaussianNoise(sigma), 0.25, 4000, 11))).toBeGreaterThan(8);
  });

  it('y1 and y2 noises are uncorrelated given x, and y2 has variance sigma^2 / alpha', () => {
    const alpha = 0.25;
    const x = cleanPattern(H, W, [0, 1]);
    let cov = 0,
      v2 = 0,
      n = 0;
    for (let r = 0; r < 1500; r++) {
      const rng = Rng.derive(5, r);
      const y = truth.sample(x, rng, shape);
      const { y1, y2 } = truth.recorrupt(y, alpha, rng, shape);
      for (let i = 0; i < x.length; i++) {
        cov += (y1[i]! - x[i]!) * (y2[i]! - x[i]!);
        v2 += (y2[i]! - x[i]!) ** 2;
        n++;
      }
    }
    expect(Math.abs(cov / n)).toBeLessThan(0.05 * sigma * sigma);
    expect(v2 / n / ((sigma * sigma) / alpha)).toBeCloseTo(1, 1);
  });

  it('needs the image layout, and the spec round-trips through the contract', () => {
    expect(() => truth.recorrupt(new Float32Array(4), 0.25, new Rng(1))).toThrow(/layout/);
    const spec = noiseSpecSchema.parse({ family: 'correlated', profile: blurProfile(0.02), perImage: true });
    expect(noiseModel(spec).spec).toEqual(spec);
    expect(() =>
      noiseSpecSchema.parse({ family: 'correlated', profile: { ...blurProfile(0.02), kernel: [1, 2] } }),
    ).toThrow(/kernel/);
  });
});

describe('blind estimate of correlated, brightness-dependent noise', () => {
  /** Flat areas of several brightnesses plus a textured band, so that the estimator must avoid texture. */
  function scene(height: number, width: number): Float32Array {
    const x = new Float32Array(height * width * 3);
    for (let i = 0; i < height; i++) {
      for (let j = 0; j < width; j++) {
        const base = 0.15 + (0.7 * Math.floor((4 * j) / width)) / 3 + 0.02 * Math.sin(i / 40);
        const texture = i > height * 0.75 ? 0.15 * Math.sin(j / 2.3) * Math.cos(i / 3.1) : 0;
        for (let k = 0; k < 3; k++) x[(i * width + j) * 3 + k] = base + texture + 0.03 * k;
      }
    }
    return x;
  }

  it('recovers the level per brightness (within 10%) and the lag-1 correlation (within 0.08) of a known profile', () => {
    const taps = [0.5, 1, 0.5, 1, 2, 1, 0.5, 1, 0.5];
    const norm = Math.hypot(...taps);
    const kernel: number[] = [];
    // Per tap a 3x3 mixing matrix: mostly each channel's own, some of the others (like demosaicking).
    for (const t of taps)
      for (let o = 0; o < 3; o++)
        for (let i = 0; i < 3; i++) kernel.push(((t / norm) * (o === i ? 0.9 : 0.3)) / Math.sqrt(0.81 + 0.18));
    const profile: NoiseProfile = {
      radius: 1,
      channels: 3,
      kernel,
      levels: [0.2, 0.9],
      sigmas: [
        [0.01, 0.01, 0.01],
        [0.03, 0.03, 0.03],
      ],
    };
    const model = correlatedNoise(profile);
    const height = 384;
    const width = 384;
    const x = scene(height, width);
    const y = model.sample(x, new Rng(3), [1, height, width, 3]);
    const found = estimateProfile(makeImage(height, width, 3, y));
    for (const m of [0.25, 0.5, 0.75]) {
      const want = 0.01 + ((m - 0.2) / 0.7) * 0.02;
      const got = sigmaFrom(found.profile, m);
      expect(got / want).toBeGreaterThan(0.9);
      expect(got / want).toBeLessThan(1.1);
    }
    const wantLag = profileCorrelation(profile, 0, 1);
    expect(Math.abs(profileCorrelation(found.profile, 0, 1) - wantLag)).toBeLessThan(0.08);
    expect(Math.abs(profileCorrelation(found.profile, 1, 0) - wantLag)).toBeLessThan(0.08);
    expect(Math.abs(profileCorrelation(found.profile, 2, 0) - profileCorrelation(profile, 2, 0))).toBeLessThan(0.08);
    expect(Math.abs(profileCorrelation(found.profile, 3, 0))).toBeLessThan(0.08);
  });

  it("under heavy noise that clips the dark and bright areas, reads the clipped level there, not the mid-tones'", () => {
    // A phone at high ISO: std 0.15 on 0.03..0.97, clipped to [0, 1], so most blocks hold clipped values. The level at
    // each brightness must follow the clipped noise's own std (measured here on the truth), within 25%; the old
    // estimate read the mid-tones only and carried their level flat into the dark and bright areas.
    const height = 384;
    const width = 384;
    const x = new Float32Array(height * width);
    for (let i = 0; i < height; i++)
      for (let j = 0; j < width; j++) x[i * width + j] = 0.03 + (0.94 * Math.floor((8 * j) / width)) / 7;
    const rng = new Rng(5);
    const y = x.map((v) => Math.min(1, Math.max(0, v + 0.15 * rng.normal())));
    const found = estimateProfile(makeImage(height, width, 1, y));
    for (const column of [0, 7]) {
      let sum = 0,
        squares = 0,
        n = 0;
      for (let i = 0; i < height; i++) {
        for (let j = (column * width) / 8 + 4; j < ((column + 1) * width) / 8 - 4; j++) {
          const d = y[i * width + j]! - x[i * width + j]!;
          sum += d;
          squares += d * d;
          n++;
        }
      }
      const truth = Math.sqrt(squares / n - (sum / n) ** 2);
      let mean = 0;
      for (let i = 0; i < height; i++) mean += y[i * width + (column * width) / 8 + 24]! / height;
      const got = sigmaFrom(found.profile, mean);
      expect(truth).toBeLessThan(0.1);
      expect(got / truth).toBeGreaterThan(0.75);
      expect(got / truth).toBeLessThan(1.25);
    }
  });

  it('reads white noise as white (lag-1 correlation under 0.08)', () => {
    const height = 256;
    const width = 256;
    const y = gaussianNoise(0.02).sample(scene(height, width), new Rng(4));
    const found = estimateProfile(makeImage(height, width, 3, y));
    expect(Math.abs(profileCorrelation(found.profile, 0, 1))).toBeLessThan(0.08);
    expect(found.std.every((s) => Math.abs(s / 0.02 - 1) < 0.1)).toBe(true);
  });
});

function sigmaFrom(profile: NoiseProfile, m: number): number {
  const { levels, sigmas } = profile;
  if (m <= levels[0]!) return sigmas[0]![0]!;
  for (let i = 1; i < levels.length; i++) {
    if (m <= levels[i]!) {
      const t = (m - levels[i - 1]!) / (levels[i]! - levels[i - 1]!);
      return sigmas[i - 1]![0]! * (1 - t) + sigmas[i]![0]! * t;
    }
  }
  return sigmas[levels.length - 1]![0]!;
}
