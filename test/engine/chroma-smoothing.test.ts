import { describe, expect, it } from 'vitest';
import { smoothChroma } from '../../main/engine/chroma-smoothing';
import { makeImage } from '../../main/engine/image';
import { Rng } from '../../main/engine/random/rng';

const luma = (d: Float32Array, p: number) => 0.299 * d[3 * p]! + 0.587 * d[3 * p + 1]! + 0.114 * d[3 * p + 2]!;

describe('chroma smoothing of photos', () => {
  // A grey ramp with colour noise only: every pixel's luma is the ramp, its colour a seeded random tint.
  const size = 64;
  const rng = new Rng(5);
  const data = new Float32Array(size * size * 3);
  for (let p = 0; p < size * size; p++) {
    const y = 0.2 + (0.6 * (p % size)) / size;
    const [dr, db] = [0.05 * rng.normal(), 0.05 * rng.normal()];
    data[3 * p] = y + dr;
    data[3 * p + 2] = y + db;
    data[3 * p + 1] = y - (0.299 * dr + 0.114 * db) / 0.587;
  }
  const noisy = makeImage(size, size, 3, data);

  it('keeps the luma of every pixel and takes out most of the colour noise', () => {
    const out = smoothChroma(noisy, 1);
    let tint = 0;
    let tintBefore = 0;
    for (let p = 0; p < size * size; p++) {
      expect(luma(out.data, p)).toBeCloseTo(luma(noisy.data, p), 5);
      tint += (out.data[3 * p]! - luma(out.data, p)) ** 2;
      tintBefore += (noisy.data[3 * p]! - luma(noisy.data, p)) ** 2;
    }
    // A Gaussian of sigma 1 keeps 1 / (4 pi) of white noise's variance in 2-D: under a tenth.
    expect(tint / tintBefore).toBeLessThan(0.1);
  });

  it('leaves grey images, other channel counts and sigma 0 as they are', () => {
    const grey = makeImage(
      8,
      8,
      3,
      Float32Array.from({ length: 192 }, (_, i) => Math.floor(i / 3) / 64),
    );
    expect(Array.from(smoothChroma(grey, 1).data).every((v, i) => Math.abs(v - grey.data[i]!) < 1e-6)).toBe(true);
    const planes = makeImage(
      8,
      8,
      4,
      new Float32Array(256).map((_, i) => i % 5),
    );
    expect(smoothChroma(planes, 1)).toBe(planes);
    expect(smoothChroma(noisy, 0)).toBe(noisy);
  });
});
