import { describe, expect, it } from 'vitest';
import { estimateNoise, parameterOf } from '../../../main/engine/estimate';
import { makeImage } from '../../../main/engine/image';
import { estimateReportSchema, minShotShare, pooledNoiseSpec } from '../../../main/shared/estimate';
import { noiseSpecSchema } from '../../../main/shared/noise';
import { addNoise, loadClean } from './synth';

const gaussian = (sigma: number) => ({ family: 'gaussian' as const, sigma });

describe('estimateNoise report', () => {
  it('pools images of one sensor, names the outlier and leaves it out', async () => {
    const files = ['camera.png', 'brick.png', 'astronaut.png', 'rocket.jpg'];
    const clean = await Promise.all(files.map((f) => loadClean(f, 256)));
    const images = clean.map((image, k) => ({
      name: files[k],
      image: addNoise(image, gaussian(k === 3 ? 0.1 : 0.05), k),
    }));
    const report = estimateNoise(images, 'gaussian');
    expect(estimateReportSchema.parse(JSON.parse(JSON.stringify(report)))).toEqual(report);
    expect(report.pooled.family).toBe('gaussian');
    expect(report.pooled.outliers).toEqual(['rocket.jpg']);
    expect(report.pooled.count).toBe(3);
    const pooled = report.pooled.family === 'gaussian' ? report.pooled.sigma : NaN;
    expect(Math.abs(pooled / 0.05 - 1)).toBeLessThan(0.05);
    expect(pooledNoiseSpec(report.pooled)).toEqual({ family: 'gaussian', sigma: pooled });
    expect(report.pooled.spread).toBeLessThan(0.05);
    expect(report.pooled.uncertainty).toBeGreaterThan(0);
    expect(report.warnings.some((w) => w.startsWith('rocket.jpg: outlier'))).toBe(true);
  });

  it('keeps a shot term where the fit finds none (a <= 0), so that the model it trains can be saved and opened', () => {
    const pooled = { spread: 0, uncertainty: 0.04, count: 1, outliers: [] };
    // A smooth synthetic raw measured a = -6.2e-5: the model trained with it could not be opened again.
    const flat = pooledNoiseSpec({ family: 'poisson', gain: 1, a: -6.2e-5, b: 3.6e-5, ...pooled }, 4, true);
    expect(flat).toEqual({ family: 'poissongaussian', a: minShotShare * 3.6e-5, b: 3.6e-5 });
    expect(noiseSpecSchema.safeParse(flat).success).toBe(true);
    const grows = pooledNoiseSpec({ family: 'poisson', gain: 1, a: 2e-3, b: -1e-6, ...pooled }, 4, true);
    expect(grows).toEqual({ family: 'poissongaussian', a: 2e-3, b: 0 });
    expect(() => pooledNoiseSpec({ family: 'poisson', gain: 1, a: -1e-5, b: 0, ...pooled }, 4, true)).toThrow(
      /no noise measured/,
    );
  });

  it('gives one image a spread of 0 and its own uncertainty', async () => {
    const image = addNoise(await loadClean('brick.png', 256), { family: 'gamma', looks: 4 }, 9);
    const report = estimateNoise([{ name: 'sar.tif', image }], 'gamma');
    expect(report.pooled.spread).toBe(0);
    expect(report.pooled.uncertainty).toBeCloseTo(report.images[0].uncertainty, 12);
    expect(report.pooled.uncertainty).toBeLessThan(0.05);
  });

  it('skips pixels without data (NaN), as SAR no-data borders', async () => {
    const noisy = addNoise(await loadClean('camera.png', 256), gaussian(0.05), 10);
    const data = noisy.data.map((v, i) => (i % 256 < 40 ? NaN : v));
    const report = estimateNoise([{ name: 'border.tif', image: makeImage(256, 256, 1, data) }], 'gaussian');
    expect(Math.abs(parameterOf(report.images[0]) / 0.05 - 1)).toBeLessThan(0.05);
    expect(report.warnings.filter((w) => w.includes('clipped'))).toEqual([]);
  });

  it('throws, naming the image, when it cannot be estimated', () => {
    const small = makeImage(20, 20, 1);
    expect(() => estimateNoise([{ name: 'tiny.png', image: small }], 'gaussian')).toThrow(/^tiny\.png: image is 20x20/);
    const empty = makeImage(128, 128, 1, new Float32Array(128 * 128).fill(NaN));
    expect(() => estimateNoise([{ name: 'nodata.tif', image: empty }], 'gamma')).toThrow(/^nodata\.tif: only 0 of/);
    const flat = makeImage(128, 128, 1, new Float32Array(128 * 128).fill(0.5));
    expect(() => estimateNoise([{ name: 'flat.png', image: flat }], 'gaussian')).toThrow(/^flat\.png: too few patches/);
    expect(() => estimateNoise([], 'gaussian')).toThrow(/no images/);
  });
});
