import { describe, expect, it } from 'vitest';
import { intensityOf } from '../../../main/engine/sar/complex-rows';
import { slcWhitening, whitenedIntensity, whiteningSpan } from '../../../main/engine/sar/slc-whitening';
import { SpectrumSums } from '../../../main/engine/sar/spectral-envelope';
import { correlatedSlc, lagCorrelation } from './correlated-slc';

const size = 256;
const mean = (a: Float32Array) => a.reduce((s, v) => s + v, 0) / a.length;

function whiten(band: number, seed: number) {
  const z = correlatedSlc(size, band, seed);
  const sums = new SpectrumSums(64);
  sums.add(z);
  const whitening = slcWhitening(sums, [z]);
  return { z, whitening, white: whitenedIntensity(whitening, z, 0, 0, size, size) };
}

const lags = (a: Float32Array, lag: number) => [
  lagCorrelation(a, size, size, 0, lag),
  lagCorrelation(a, size, size, lag, 0),
];

describe('spectral whitening of single-look complex data', () => {
  it('decorrelates the intensity of speckle weighted by a Hamming window (lag-1 0.39 before)', () => {
    const { z, white, whitening } = whiten(1, 11);
    for (const c of lags(intensityOf(z), 1)) expect(c).toBeGreaterThan(0.3);
    for (const c of lags(white, 1)) expect(Math.abs(c)).toBeLessThan(0.05);
    expect(whitening.range.band).toBeGreaterThan(0.85);
  });

  it('with 2x oversampling, finds the half band and decorrelates the 2x sub-sampled grid (lag 2)', () => {
    const { z, white, whitening } = whiten(0.5, 12);
    // The band fills half the frequencies: on the same grid, flat in-band speckle keeps lag-1 |sinc(1/2)|^2 = 0.41.
    expect(whitening.range.band).toBeCloseTo(0.5, 1);
    expect(whitening.azimuth.band).toBeCloseTo(0.5, 1);
    for (const c of lags(intensityOf(z), 2)) expect(c).toBeGreaterThan(0.3);
    for (const c of lags(white, 2)) expect(Math.abs(c)).toBeLessThan(0.05);
  });

  it('keeps the mean intensity, also of another image with the same spectrum and at the edges', () => {
    const { whitening } = whiten(0.7, 13);
    const other = correlatedSlc(size, 0.7, 14, 3);
    const white = whitenedIntensity(whitening, other, 0, 0, size, size);
    expect(mean(white) / mean(intensityOf(other))).toBeCloseTo(1, 1);
    const edge = (a: Float32Array) => mean(a.subarray(0, 8 * size));
    expect(edge(white) / mean(white)).toBeGreaterThan(0.9);
    expect(edge(white) / mean(white)).toBeLessThan(1.1);
  });

  it('gives band by band exactly the whole image values', () => {
    const { z, whitening, white } = whiten(0.6, 15);
    const bands: Float32Array[] = [];
    for (let top = 0; top < size; top += 70) {
      const rows = Math.min(70, size - top);
      const span = whiteningSpan(whitening, top, rows, size);
      const block = {
        re: z.re.slice(span.top * size, (span.top + span.rows) * size),
        im: z.im.slice(span.top * size, (span.top + span.rows) * size),
        rows: span.rows,
        width: size,
      };
      bands.push(whitenedIntensity(whitening, block, span.top, top, rows, size));
    }
    const joined = new Float32Array(size * size);
    bands.reduce((at, b) => (joined.set(b, at), at + b.length), 0);
    expect(Array.from(joined)).toEqual(Array.from(white));
  });
});
