import type { ComplexRows } from '../../../main/engine/sar/complex-rows';
import { fft } from '../../../main/engine/sar/fft';
import { Rng } from '../../../main/engine/random/rng';

/** Inverse FFT through the forward one: ifft(x) = conj(fft(conj(x))) / N. */
function inverse(re: Float64Array, im: Float64Array): void {
  for (let k = 0; k < im.length; k++) im[k] = -im[k]!;
  fft(re, im);
  for (let k = 0; k < re.length; k++) {
    re[k] /= re.length;
    im[k] = -im[k]! / re.length;
  }
}

/** Hamming weighting (0.54 + 0.46 cos) over the central `band` of the frequencies (signed), zero outside. */
function weighting(n: number, band: number): Float64Array {
  return Float64Array.from({ length: n }, (_, f) => {
    const signed = f < n / 2 ? f : f - n;
    const u = signed / ((band * n) / 2);
    return Math.abs(u) <= 1 ? 0.54 + 0.46 * Math.cos(Math.PI * u) : 0;
  });
}

/**
 * Single-look speckle of a constant scene (white circular Gaussian z) as a SAR processor leaves it: its spectrum
 * weighted by a Hamming window occupying `band` of the frequencies along both axes (band 0.5: 2x oversampled).
 */
export function correlatedSlc(size: number, band: number, seed: number, scale = 1): ComplexRows {
  const rng = new Rng(seed);
  const re = new Float64Array(size * size);
  const im = new Float64Array(size * size);
  for (let k = 0; k < re.length; k++) {
    re[k] = rng.normal() * scale;
    im[k] = rng.normal() * scale;
  }
  const w = weighting(size, band);
  const lineR = new Float64Array(size);
  const lineI = new Float64Array(size);
  for (const axis of [0, 1]) {
    for (let a = 0; a < size; a++) {
      const at = (b: number) => (axis === 0 ? a * size + b : b * size + a);
      for (let b = 0; b < size; b++) {
        lineR[b] = re[at(b)]!;
        lineI[b] = im[at(b)]!;
      }
      fft(lineR, lineI);
      for (let f = 0; f < size; f++) {
        lineR[f] *= w[f]!;
        lineI[f] *= w[f]!;
      }
      inverse(lineR, lineI);
      for (let b = 0; b < size; b++) {
        re[at(b)] = lineR[b]!;
        im[at(b)] = lineI[b]!;
      }
    }
  }
  return { re: Float32Array.from(re), im: Float32Array.from(im), rows: size, width: size };
}

/** Correlation of intensity between pixels `lag` apart along rows (dx) or columns (dy). */
export function lagCorrelation(data: Float32Array, height: number, width: number, dy: number, dx: number): number {
  let n = 0,
    sa = 0,
    sb = 0,
    saa = 0,
    sbb = 0,
    sab = 0;
  for (let i = 0; i + dy < height; i++) {
    for (let j = 0; j + dx < width; j++) {
      const a = data[i * width + j]!,
        b = data[(i + dy) * width + j + dx]!;
      n++;
      sa += a;
      sb += b;
      saa += a * a;
      sbb += b * b;
      sab += a * b;
    }
  }
  const cov = sab / n - (sa / n) * (sb / n);
  return cov / Math.sqrt((saa / n - (sa / n) ** 2) * (sbb / n - (sb / n) ** 2));
}
