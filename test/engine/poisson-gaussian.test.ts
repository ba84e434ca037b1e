import { describe, expect, it } from 'vitest';
import { noiseModel } from '../../main/engine/noise';
import { anscombeDomain } from '../../main/engine/noise/poisson-gaussian';
import { Rng } from '../../main/engine/random/rng';

const spec = { family: 'poissongaussian', a: 0.01, b: 0.0004, method: 'anscombe' } as const;

describe('Poisson-Gaussian noise family (var = a x + b), trained in the Anscombe domain (--anscombe)', () => {
  it('samples y with mean x and variance a x + b', () => {
    const model = noiseModel(spec);
    for (const x of [0.02, 0.2, 0.8]) {
      const y = model.sample(new Float32Array(50000).fill(x), new Rng(5));
      const mean = y.reduce((s, v) => s + v, 0) / y.length;
      const variance = y.reduce((s, v) => s + (v - mean) ** 2, 0) / y.length;
      expect(mean).toBeCloseTo(x, 3);
      expect(variance / (spec.a * x + spec.b)).toBeCloseTo(1, 1);
    }
  });

  it('recorrupts the transformed data as Gaussian (sigma 1 in GAT units): (1 - alpha) y1 + alpha y2 = z, Var(y2 - z) = sigma^2 (1 - alpha) / alpha', () => {
    const model = noiseModel(spec);
    const alpha = 0.2;
    const y = model.sample(new Float32Array(40000).fill(0.3), new Rng(9));
    const domain = anscombeDomain(spec.a, spec.b);
    const z = domain.forward(y);
    const { y1, y2 } = model.recorrupt(y, alpha, new Rng(10));
    let worst = 0;
    let spread = 0;
    for (let i = 0; i < z.length; i++) {
      worst = Math.max(worst, Math.abs((1 - alpha) * y1[i]! + alpha * y2[i]! - z[i]!));
      spread += (y2[i]! - z[i]!) ** 2;
    }
    expect(worst).toBeLessThan(1e-6);
    expect(domain.sigma).toBe(Math.sqrt(spec.a) / 2);
    expect(domain.forward(new Float32Array([0.5]))[0]).toBeCloseTo(
      Math.sqrt(0.5 + (3 * spec.a) / 8 + spec.b / spec.a),
      6,
    );
    expect(spread / z.length / ((domain.sigma ** 2 * (1 - alpha)) / alpha)).toBeCloseTo(1, 1);
    expect(model.lossConstantFromNoisy(y, alpha)).toBeCloseTo(domain.sigma ** 2 / alpha, 12);
  });
});

describe('Poisson-Gaussian: back from the Anscombe domain', () => {
  it('maps the denoised transform back with the unbiased inverse: E[z] at x returns x', () => {
    const domain = anscombeDomain(spec.a, spec.b);
    for (const x of [0.01, 0.1, 0.5]) {
      const z = domain.forward(noiseModel(spec).sample(new Float32Array(40000).fill(x), new Rng(11)));
      const mean = z.reduce((s, v) => s + v, 0) / z.length;
      expect(domain.inverse(new Float32Array([mean]))[0]!).toBeCloseTo(x, 2);
    }
  });

  it('accepts any finite data (read noise makes values negative) and names NaN', () => {
    const model = noiseModel(spec);
    expect(model.check(new Float32Array([-0.01, 0, 0.5]))).toBeNull();
    expect(model.check(new Float32Array([0.1, Number.NaN]))).toMatch(/NaN/);
  });
});

describe('Poisson-Gaussian as shifted Poisson counts (the default)', () => {
  const lattice = { family: 'poissongaussian', a: 0.02, b: 0.0016 } as const; // read noise of 2 counts
  const shift = lattice.b / lattice.a;

  /** Over many draws at one x: mean of y2 - x', and the correlation of y1 - x' with y2 - x', x' = x + b / a. */
  function splitStatistics(
    recorrupt: (y: Float32Array, rng: Rng) => { y1: Float32Array; y2: Float32Array },
    x: number,
    xs: number,
  ) {
    const y = noiseModel(lattice).sample(new Float32Array(200000).fill(x), new Rng(21));
    const { y1, y2 } = recorrupt(y, new Rng(22));
    let m1 = 0;
    let m2 = 0;
    for (let i = 0; i < y.length; i++) {
      m1 += y1[i]! - xs;
      m2 += y2[i]! - xs;
    }
    m1 /= y.length;
    m2 /= y.length;
    let c = 0;
    let v1 = 0;
    let v2 = 0;
    for (let i = 0; i < y.length; i++) {
      c += (y1[i]! - xs - m1) * (y2[i]! - xs - m2);
      v1 += (y1[i]! - xs - m1) ** 2;
      v2 += (y2[i]! - xs - m2) ** 2;
    }
    return { bias: m2, correlation: c / Math.sqrt(v1 * v2), se: Math.sqrt(v2 / y.length) / Math.sqrt(y.length) };
  }

  it('splits into parts uncorrelated given x (the shift is what makes them so; unshifted they correlate)', () => {
    const alpha = 0.3;
    const model = noiseModel(lattice);
    for (const x of [0.05, 0.3]) {
      const shifted = splitStatistics((y, rng) => model.recorrupt(y, alpha, rng), x, x + shift);
      expect(Math.abs(shifted.correlation)).toBeLessThan(0.01);
      expect(Math.abs(shifted.bias)).toBeLessThan(4 * Math.sqrt((lattice.a * (x + shift)) / alpha / 200000));
      // Negative control: the same counts, not shifted, recorrupted as plain Poisson.
      const onLattice = (y: Float32Array) => y.map((v) => lattice.a * Math.max(0, Math.round(v / lattice.a)));
      const plain = splitStatistics(
        (y, rng) => noiseModel({ family: 'poisson', gain: lattice.a }).recorrupt(onLattice(y), alpha, rng),
        x,
        x,
      );
      expect(plain.correlation).toBeGreaterThan(0.05);
    }
  });

  it('maps the output back by the shift, keeps the estimated PSNR in image units, and names the method only when it is Anscombe', () => {
    const model = noiseModel(lattice);
    expect(model.domain?.sameUnits).toBe(true);
    expect(model.domain?.inverse(new Float32Array([0.5 + shift]))[0]).toBeCloseTo(0.5, 6);
    expect(model.lossConstant(new Float32Array([0.2, 0.4]), 0.3)).toBeCloseTo((lattice.a * (0.3 + shift)) / 0.3, 6);
    expect(model.spec).toEqual(lattice);
    expect(noiseModel(spec).domain?.sameUnits).toBeUndefined();
  });
});
