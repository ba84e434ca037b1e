import { describe, expect, it } from 'vitest';
import { smoothChroma } from '../../main/engine/chroma-smoothing';
import { gaussianBlur } from '../../main/engine/gaussian-blur';
import { makeImage, type ImageF32 } from '../../main/engine/image';
import { denoiseDefaults } from '../../main/shared/defaults';
import { Rng } from '../../main/engine/random/rng';

const luma = (d: Float32Array, p: number) => 0.299 * d[3 * p]! + 0.587 * d[3 * p + 1]! + 0.114 * d[3 * p + 2]!;
const gaussianOnly = (sigma: number) => ({ ...denoiseDefaults.chroma, sigma, spatial: 0 });
/** Mean squared (R - Y) + (B - Y) of a - b over the pixels kept by `where`. */
function tintError(a: ImageF32, b: ImageF32, where: (p: number) => boolean = () => true): number {
  let sum = 0,
    n = 0;
  for (let p = 0; p < a.height * a.width; p++) {
    if (!where(p)) continue;
    const [ya, yb] = [luma(a.data, p), luma(b.data, p)];
    sum += (a.data[3 * p]! - ya - b.data[3 * p]! + yb) ** 2 + (a.data[3 * p + 2]! - ya - b.data[3 * p + 2]! + yb) ** 2;
    n++;
  }
  return sum / n;
}
/** An RGB image from its luma and its R - Y, B - Y planes. */
function fromYcc(size: number, y: (p: number) => number, dr: (p: number) => number, db: (p: number) => number) {
  const data = new Float32Array(size * size * 3);
  for (let p = 0; p < size * size; p++) {
    data[3 * p] = y(p) + dr(p);
    data[3 * p + 2] = y(p) + db(p);
    data[3 * p + 1] = y(p) - (0.299 * dr(p) + 0.114 * db(p)) / 0.587;
  }
  return makeImage(size, size, 3, data);
}

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
    const out = smoothChroma(noisy, gaussianOnly(1));
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
    expect(
      Array.from(smoothChroma(grey, denoiseDefaults.chroma).data).every((v, i) => Math.abs(v - grey.data[i]!) < 1e-6),
    ).toBe(true);
    const planes = makeImage(
      8,
      8,
      4,
      new Float32Array(256).map((_, i) => i % 5),
    );
    expect(smoothChroma(planes, denoiseDefaults.chroma)).toBe(planes);
    expect(smoothChroma(noisy, { ...denoiseDefaults.chroma, sigma: 0 })).toBe(noisy);
  });

  it('takes out colour blotches in flat areas and keeps edges of colour alone and of luma', () => {
    // Left half red-tinted, right half green-tinted, the same luma (an edge of colour alone); a luma step across the
    // rows; both with colour blotches (white noise blurred to about 6 pixels), as a camera JPEG leaves them.
    const n = 96;
    const blotch = (seed: number) => {
      const r = new Rng(seed);
      const white = makeImage(
        n,
        n,
        1,
        Float32Array.from({ length: n * n }, () => r.normal()),
      );
      return gaussianBlur(white, 3).data.map((v) => 0.06 * v); // std about 0.01 (2.5/255)
    };
    const [nr, nb] = [blotch(11), blotch(12)];
    const y = (p: number) => (Math.floor(p / n) < n / 2 ? 0.3 : 0.6);
    const left = (p: number) => p % n < n / 2;
    const cr = (p: number) => (left(p) ? 0.08 : -0.08);
    const cb = (p: number) => (left(p) ? -0.04 : 0.04);
    const clean = fromYcc(n, y, cr, cb);
    const noisy = fromYcc(
      n,
      y,
      (p) => cr(p) + nr[p]!,
      (p) => cb(p) + nb[p]!,
    );
    const out = smoothChroma(noisy, denoiseDefaults.chroma);
    for (let p = 0; p < n * n; p += 7) expect(luma(out.data, p)).toBeCloseTo(luma(noisy.data, p), 5);
    const fine = smoothChroma(noisy, gaussianOnly(1));
    // Away from both edges: under a third of the blotches' power is left, where the sigma-1 Gaussian leaves most.
    const flat = (p: number) => Math.abs((p % n) - n / 2 + 0.5) > 6 && Math.abs(Math.floor(p / n) - n / 2 + 0.5) > 6;
    const before = tintError(noisy, clean, flat);
    expect(tintError(fine, clean, flat) / before).toBeGreaterThan(0.6);
    expect(tintError(out, clean, flat) / before).toBeLessThan(1 / 3);
    // At the edge of colour alone, the wide pass adds no smear to the sigma-1 Gaussian's, where a plain Gaussian of
    // the same reach (sigma 8) smears the two colours into each other.
    const nearEdge = (p: number) => Math.abs((p % n) - n / 2 + 0.5) < 3;
    expect(tintError(out, clean, nearEdge)).toBeLessThan(1.1 * tintError(fine, clean, nearEdge));
    expect(tintError(smoothChroma(noisy, gaussianOnly(8)), clean, nearEdge)).toBeGreaterThan(
      4 * tintError(fine, clean, nearEdge),
    );
  });
});
