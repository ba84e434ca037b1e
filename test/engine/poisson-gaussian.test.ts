import { describe, expect, it } from 'vitest';
import { noiseModel } from '../../main/engine/noise';
import { anscombeDomain } from '../../main/engine/noise/poisson-gaussian';
import { Rng } from '../../main/engine/random/rng';

const spec = { family: 'poissongaussian', a: 0.01, b: 0.0004 } as const;

describe('Poisson-Gaussian noise family (var = a x + b), trained in the Anscombe domain', () => {
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
    expect(domain.forward(new Float32Array([0.5]))[0]).toBeCloseTo(Math.sqrt(0.5 + (3 * spec.a) / 8 + spec.b / spec.a), 6);
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
