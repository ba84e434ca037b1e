import { describe, expect, it } from 'vitest';
import { makeImage } from '../../main/engine/image';
import { gammaVariate } from '../../main/engine/random/gamma';
import { Rng } from '../../main/engine/random/rng';
import { windowEnl } from '../../main/engine/sar/window-enl';
import { displayRange } from '../../main/tasks/preview/display-image';

/** Intensity speckle of `looks` looks over a constant 100 (Gamma, mean 1, variance 1/L), seeded. */
function speckled(looks: number, size = 256, seed = 7) {
  const rng = new Rng(seed);
  return makeImage(
    size,
    size,
    1,
    Float32Array.from({ length: size * size }, () => (100 * gammaVariate(rng, looks)) / looks),
  );
}

describe('the ENL of the most homogeneous windows', () => {
  it('reads the looks of pure speckle, a little above (the top 10% of windows), and far more once smoothed', () => {
    for (const looks of [1, 4]) {
      const enl = windowEnl(speckled(looks));
      expect(enl).toBeGreaterThan(looks);
      expect(enl).toBeLessThan(looks * 1.6);
    }
    const image = speckled(4);
    // A 4x4 box mean: 16 looks where flat.
    const { width, height } = image;
    const box = makeImage(
      height,
      width,
      1,
      Float32Array.from(image.data, (_, k) => {
        const [i, j] = [Math.floor(k / width), k % width];
        let s = 0;
        for (let a = 0; a < 4; a++)
          for (let b = 0; b < 4; b++)
            s += image.data[Math.min(height - 1, i + a) * width + Math.min(width - 1, j + b)]!;
        return s / 16;
      }),
    );
    expect(windowEnl(box)).toBeGreaterThan(4 * 10);
  });

  it('skips windows with no data (zeros, NaN): NaN when none is left', () => {
    const image = speckled(4, 64);
    image.data.fill(0, 0, 64 * 32);
    expect(windowEnl(image)).toBeGreaterThan(4);
    expect(windowEnl(makeImage(64, 64, 1, new Float32Array(64 * 64)))).toBeNaN();
  });
});

describe('display stretches for float data', () => {
  const image = speckled(1, 128);
  const quantile = (q: number) => -100 * Math.log(1 - q);

  it('auto and 2-98% are linear between those percentiles of exponential speckle', () => {
    const auto = displayRange(image, 32);
    expect(auto.lo / quantile(0.005)).toBeCloseTo(1, 0);
    expect(auto.hi / quantile(0.995)).toBeCloseTo(1, 1);
    const p = displayRange(image, 32, 'p2-98');
    expect(p.lo / quantile(0.02)).toBeCloseTo(1, 0);
    expect(p.hi / quantile(0.98)).toBeCloseTo(1, 1);
    expect(p.db).toBeUndefined();
  });

  it('dB maps 10 log10 of the values, its range in dB; integer images ignore the stretch', () => {
    const db = displayRange(image, 32, 'db');
    expect(db.db).toBe(true);
    expect(db.hi).toBeCloseTo(10 * Math.log10(quantile(0.995)), 0);
    expect(db.lo).toBeCloseTo(10 * Math.log10(quantile(0.005)), 0);
    expect(displayRange(image, 16, 'db')).toEqual({ lo: 0, hi: 1 });
  });
});
