import { describe, expect, it } from 'vitest';
import type { ImageF32 } from '../../../main/engine/image';
import { makeImage } from '../../../main/engine/image';
import { gammaNoise } from '../../../main/engine/noise/gamma';
import { Rng } from '../../../main/engine/random/rng';
import { locallyCorrected } from '../../../main/engine/sar/local-correction';
import { boxMean, flatRatioMean, ratioMean } from '../../../main/engine/sar/ratio-image';

const H = 256;
const W = 256;

/** Left half flat (x = 1); right half textured: intensities spanning x20 over about 12 pixels, as clutter does. */
function scene(): ImageF32 {
  return makeImage(
    H,
    W,
    1,
    Float32Array.from({ length: H * W }, (_, p) => {
      const i = Math.floor(p / W),
        j = p % W;
      return j < W / 2 ? 1 : Math.exp(1.5 * Math.sin(i / 2) * Math.cos(j / 2));
    }),
  );
}

const mean = (values: ArrayLike<number>) => Array.from(values).reduce((s, v) => s + v, 0) / values.length;

describe('the ratio image of single-look speckle (seeded)', () => {
  const x = scene();
  const y = makeImage(H, W, 1, gammaNoise(1).sample(x.data, new Rng(21)));
  // A smoother that keeps the mean: the 7x7 box mean of y.
  const smoothed = makeImage(H, W, 1, boxMean(y.data, H, W, 3));

  it('has mean 1 when the estimate is the truth', () => {
    // 65536 pixels of unit-variance n: standard error 0.004.
    expect(Math.abs(ratioMean(y, x) - 1)).toBeLessThan(0.02);
  });

  it('falls under 1 for a smoother on texture (Jensen), while it stays 1 over the flat windows', () => {
    expect(mean(smoothed.data) / mean(y.data)).toBeGreaterThan(0.99);
    expect(ratioMean(y, smoothed)).toBeLessThan(0.97);
    expect(Math.abs(flatRatioMean(y, smoothed) - 1)).toBeLessThan(0.03);
  });

  it('the ratio correction brings its mean to 1 and lowers the mean; the mean correction the other way round', () => {
    const byRatio = locallyCorrected(y, smoothed, 'ratio', 8);
    expect(Math.abs(ratioMean(y, byRatio) - 1)).toBeLessThan(0.01);
    expect(mean(byRatio.data) / mean(y.data)).toBeLessThan(0.97);
    const byMean = locallyCorrected(y, smoothed, 'mean', 8);
    expect(Math.abs(mean(byMean.data) / mean(y.data) - 1)).toBeLessThan(0.01);
    expect(ratioMean(y, byMean)).toBeLessThan(0.97);
  });
});
