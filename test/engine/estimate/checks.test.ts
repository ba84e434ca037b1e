import { describe, expect, it } from 'vitest';
import { estimateImage } from '../../../main/engine/estimate';
import { makeImage, type ImageF32 } from '../../../main/engine/image';
import { addCorrelatedNoise, addNoise, clip, loadClean } from './synth';

const mentions = (warnings: string[], word: string) => warnings.some((w) => w.includes(word));
const map = (image: ImageF32, f: (v: number) => number) =>
  makeImage(image.height, image.width, image.channels, image.data.map(f));

describe('noise correlation check', () => {
  for (const file of ['camera.png', 'brick.png']) {
    for (const sigma of [0.02, 0.1]) {
      it(`${file}, sigma ${sigma}: blurred noise is flagged, white noise is not`, async () => {
        const clean = await loadClean(file, 256);
        const white = estimateImage(file, addNoise(clean, { family: 'gaussian', sigma }, 1), 'gaussian');
        const blurred = estimateImage(file, addCorrelatedNoise(clean, sigma, 1), 'gaussian');
        expect(mentions(white.warnings, 'correlated')).toBe(false);
        expect(mentions(blurred.warnings, 'correlated')).toBe(true);
        expect(blurred.estimate.checks.correlation.horizontal).toBeGreaterThan(0.4);
        expect(Math.abs(white.estimate.checks.correlation.vertical)).toBeLessThan(0.15);
      });
    }
  }
});

describe('clipping check', () => {
  it('flags Gaussian data clipped to [0, 1] and not the same data unclipped', async () => {
    const noisy = addNoise(await loadClean('camera.png', 256), { family: 'gaussian', sigma: 0.1 }, 2);
    const clipped = estimateImage('clipped.png', clip(noisy), 'gaussian');
    expect(mentions(clipped.warnings, 'clipped')).toBe(true);
    expect(clipped.estimate.checks.clipped.low).toBeGreaterThan(0.01);
    expect(mentions(estimateImage('raw.tif', noisy, 'gaussian').warnings, 'clipped')).toBe(false);
  });

  it('flags saturated Poisson data but not its zeros (they are counts)', async () => {
    const noisy = addNoise(await loadClean('camera.png', 256), { family: 'poisson', gain: 0.02 }, 3);
    expect(mentions(estimateImage('p.tif', noisy, 'poisson').warnings, 'clipped')).toBe(false);
    expect(mentions(estimateImage('p.png', clip(noisy, 0, 0.8), 'poisson').warnings, 'clipped')).toBe(true);
  });
});

describe('Poisson lattice check', () => {
  it('takes the lattice step as the gain when the values are gain x counts', async () => {
    const noisy = addNoise(await loadClean('camera.png', 256), { family: 'poisson', gain: 0.05 }, 4);
    const { estimate, warnings } = estimateImage('p.tif', noisy, 'poisson');
    expect(estimate.family === 'poisson' && estimate.checks.lattice?.matchesGain).toBe(true);
    expect(estimate.family === 'poisson' && estimate.gain).toBeCloseTo(0.05, 6);
    expect(mentions(warnings, 'lattice')).toBe(false);
  });

  it('flags data off the gain lattice: an offset, read noise, 8-bit quantisation', async () => {
    const noisy = addNoise(await loadClean('camera.png', 256), { family: 'poisson', gain: 0.05 }, 5);
    const offset = map(noisy, (v) => v + 0.013);
    const quantised = map(noisy, (v) => Math.round(Math.min(v, 1) * 255) / 255);
    const readNoise = addNoise(noisy, { family: 'gaussian', sigma: 0.005 }, 6);
    for (const [name, image] of [
      ['offset', offset],
      ['8-bit', quantised],
      ['read noise', readNoise],
    ] as const) {
      const { estimate, warnings } = estimateImage(name, image, 'poisson');
      expect(mentions(warnings, 'off the gain lattice'), name).toBe(true);
      expect(estimate.family === 'poisson' && estimate.checks.lattice?.matchesGain, name).toBe(false);
    }
  });
});

describe('family and amplitude hints', () => {
  it('suggests the family from how the variance grows with the mean', async () => {
    const clean = await loadClean('camera.png', 256);
    const poisson = estimateImage('p', addNoise(clean, { family: 'poisson', gain: 0.02 }, 7), 'gaussian');
    const gamma = estimateImage(
      'g',
      addNoise(
        map(clean, (v) => 0.05 + v),
        { family: 'gamma', looks: 4 },
        7,
      ),
      'gaussian',
    );
    const gaussian = estimateImage('n', addNoise(clean, { family: 'gaussian', sigma: 0.05 }, 7), 'gaussian');
    expect(poisson.estimate.checks.suggestedFamily).toBe('poisson');
    expect(gamma.estimate.checks.suggestedFamily).toBe('gamma');
    expect(gaussian.estimate.checks.suggestedFamily).toBe('gaussian');
    expect(mentions(gamma.warnings, 'suggests gamma')).toBe(true);
    expect(gaussian.warnings).toEqual([]);
  });

  it('hints at amplitude data, and squares them with the amplitude option', async () => {
    const intensity = addNoise(await loadClean('brick.png', 256), { family: 'gamma', looks: 1 }, 8);
    const amplitude = map(intensity, Math.sqrt);
    expect(mentions(estimateImage('a', amplitude, 'gamma').warnings, '--amplitude')).toBe(true);
    expect(mentions(estimateImage('i', intensity, 'gamma').warnings, '--amplitude')).toBe(false);
    const squared = estimateImage('a', amplitude, 'gamma', { amplitude: true }).estimate;
    expect(squared.family === 'gamma' && squared.looks).toBeCloseTo(1, 1);
  });
});
