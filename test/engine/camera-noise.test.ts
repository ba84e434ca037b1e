import { describe, expect, it } from 'vitest';
import { cameraNoiseField, type CameraNoise } from '../../main/engine/camera-noise';
import { makeImage, type ImageF32 } from '../../main/engine/image';
import { Rng } from '../../main/engine/random/rng';

const side = 128;
const plain: CameraNoise = { a: 0.01, b: 0.001, chromaBlur: 0, lumaBlur: 0, flatness: 0.02 };

/** An RGB image whose value at (i, j) is f(i, j) in every channel. */
function image(f: (i: number, j: number) => number): ImageF32 {
  const data = new Float32Array(side * side * 3);
  for (let i = 0; i < side; i++)
    for (let j = 0; j < side; j++) data.fill(f(i, j), (i * side + j) * 3, (i * side + j) * 3 + 3);
  return makeImage(side, side, 3, data);
}

/** BT.601 luma and Cb of the noise, over the columns [from, to). */
function planes(noise: ImageF32, from = 0, to = side): { y: number[][]; cb: number[][] } {
  const y: number[][] = [];
  const cb: number[][] = [];
  for (let i = 0; i < side; i++) {
    const rowY: number[] = [];
    const rowCb: number[] = [];
    for (let j = from; j < to; j++) {
      const [r, g, b] = [0, 1, 2].map((k) => noise.data[(i * side + j) * 3 + k]!) as [number, number, number];
      rowY.push(0.299 * r + 0.587 * g + 0.114 * b);
      rowCb.push(-0.168736 * r - 0.331264 * g + 0.5 * b);
    }
    y.push(rowY);
    cb.push(rowCb);
  }
  return { y, cb };
}

const variance = (rows: number[][]) => {
  const v = rows.flat();
  const m = v.reduce((s, x) => s + x, 0) / v.length;
  return v.reduce((s, x) => s + (x - m) ** 2, 0) / v.length;
};
/** Correlation of horizontal neighbours. */
const lag1 = (rows: number[][]) => {
  let sxy = 0;
  let n = 0;
  for (const row of rows) {
    for (let j = 1; j < row.length; j++) sxy += row[j]! * row[j - 1]!;
    n += row.length - 1;
  }
  return sxy / n / variance(rows);
};

describe('camera noise for pretraining (seeded)', () => {
  it('has the demosaicked shot and read noise variance, growing with brightness', () => {
    // Each colour is the mean of its photosites in the 3 x 3 window: R and B 1, 2 or 4 sites (mean variance 0.5625 of
    // a photosite's a x + b), G 4 at R and B sites and 5 at G sites (0.225).
    for (const x of [0.2, 0.8]) {
      const noise = cameraNoiseField(
        image(() => x),
        plain,
        new Rng(3),
      );
      const v = noise.data.reduce((s, n) => s + n * n, 0) / noise.data.length;
      expect(v / ((1.35 / 3) * (plain.a * x + plain.b))).toBeCloseTo(1, 1);
    }
  });

  it('chroma noise reduction blurs the colour noise and leaves the luma noise', () => {
    const flat = image(() => 0.5);
    const before = planes(cameraNoiseField(flat, plain, new Rng(5)));
    const after = planes(cameraNoiseField(flat, { ...plain, chromaBlur: 2 }, new Rng(5)));
    expect(variance(after.cb)).toBeLessThan(variance(before.cb) / 5);
    expect(lag1(after.cb)).toBeGreaterThan(0.8);
    expect(variance(after.y)).toBeCloseTo(variance(before.y), 8);
  });

  it('luma noise reduction works in flat areas only: texture keeps its noise', () => {
    // Left half flat, right half a sinusoid of period 16 and amplitude 0.3: its gradient, up to 0.12 per pixel, is
    // far above `flatness` but where the sinusoid turns.
    const scene = image((_, j) => (j < side / 2 ? 0.5 : 0.5 + 0.3 * Math.sin((2 * Math.PI * j) / 16)));
    const reduced = { ...plain, lumaBlur: 1.5, flatness: 0.005 };
    const before = cameraNoiseField(scene, plain, new Rng(9));
    const after = cameraNoiseField(scene, reduced, new Rng(9));
    const flatBefore = variance(planes(before, 4, side / 2 - 4).y);
    const flatAfter = variance(planes(after, 4, side / 2 - 4).y);
    const textureBefore = variance(planes(before, side / 2 + 4, side).y);
    const textureAfter = variance(planes(after, side / 2 + 4, side).y);
    expect(flatAfter).toBeLessThan(flatBefore / 3);
    expect(textureAfter / textureBefore).toBeGreaterThan(0.8);
    expect(textureAfter / textureBefore).toBeLessThan(1.05);
  });

  it('needs an RGB image', () => {
    expect(() => cameraNoiseField(makeImage(4, 4, 1, new Float32Array(16)), plain, new Rng(1))).toThrow(/RGB/);
  });
});
