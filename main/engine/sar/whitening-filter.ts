import type { ComplexRows } from './complex-rows';
import { smoothEnvelope } from './spectral-envelope';

/** A 1-D complex FIR filter h[k], k = -radius..radius (index k + radius). */
export interface WhiteningFilter {
  readonly re: Float64Array;
  readonly im: Float64Array;
  readonly radius: number;
  /** Fraction of the frequency bins inside the band (1 / oversampling factor). */
  readonly band: number;
  /** Autocorrelation of the input, R(l) = E[z(m + l) conj z(m)] for l = 0..2 radius (any scale), from its spectrum. */
  readonly acfRe: Float64Array;
  readonly acfIm: Float64Array;
}

/** Bins whose envelope is under this fraction of the peak are outside the band (the oversampling's empty bins). */
const bandFloor = 0.01;

/**
 * The whitening filter for a measured power spectrum (sums of |FFT|^2 over lines): H(f) = 1 / sqrt(E(f)) inside
 * the band, 0 outside, E the smoothed envelope; as FIR taps h[n] = (1/N) sum_f H(f) e^{2 pi i f n / N}, |n| <= radius,
 * tapered by a Hann window (so the truncation rings little), then scaled so that sum_f |H_t(f)|^2 P(f) = sum_f P(f)
 * for the measured power P: the filter keeps the mean intensity of the data it was measured on. Inside the band gains are at most 1/sqrt(0.01) = 10x.
 */
export function whiteningFilter(power: Float64Array, radius = power.length >> 3): WhiteningFilter {
  const n = power.length;
  const envelope = smoothEnvelope(power);
  const peak = envelope.reduce((m, v) => Math.max(m, v), 0);
  if (!(peak > 0)) throw new Error('the complex samples are all zero: no spectrum to whiten');
  const gain = Float64Array.from(envelope, (e) => (e >= bandFloor * peak ? 1 / Math.sqrt(e) : 0));
  const side = 2 * radius + 1;
  const re = new Float64Array(side);
  const im = new Float64Array(side);
  for (let k = -radius; k <= radius; k++) {
    const taper = 0.5 * (1 + Math.cos((Math.PI * k) / (radius + 1)));
    let sr = 0,
      si = 0;
    for (let f = 0; f < n; f++) {
      const phase = (2 * Math.PI * f * k) / n;
      sr += gain[f]! * Math.cos(phase);
      si += gain[f]! * Math.sin(phase);
    }
    re[k + radius] = (taper * sr) / n;
    im[k + radius] = (taper * si) / n;
  }
  let kept = 0,
    total = 0;
  for (let f = 0; f < n; f++) {
    let hr = 0,
      hi = 0;
    for (let k = -radius; k <= radius; k++) {
      const phase = (-2 * Math.PI * f * k) / n;
      hr += re[k + radius]! * Math.cos(phase) - im[k + radius]! * Math.sin(phase);
      hi += re[k + radius]! * Math.sin(phase) + im[k + radius]! * Math.cos(phase);
    }
    kept += (hr * hr + hi * hi) * power[f]!;
    total += power[f]!;
  }
  const scale = Math.sqrt(total / kept);
  for (let k = 0; k < side; k++) {
    re[k] *= scale;
    im[k] *= scale;
  }
  const acfRe = new Float64Array(2 * radius + 1);
  const acfIm = new Float64Array(2 * radius + 1);
  for (let l = 0; l <= 2 * radius; l++) {
    for (let f = 0; f < n; f++) {
      acfRe[l] += power[f]! * Math.cos((2 * Math.PI * f * l) / n);
      acfIm[l] += power[f]! * Math.sin((2 * Math.PI * f * l) / n);
    }
  }
  return { re, im, radius, band: gain.reduce((c, g) => c + (g > 0 ? 1 : 0), 0) / n, acfRe, acfIm };
}

/**
 * Near the ends of a line fewer taps see data. The expected output power there is
 * sum_{k,k' inside} h_k conj(h_k') R(k' - k) (R the input's autocorrelation); g(p) = sqrt(all taps' / inside's)
 * restores the mean intensity at every position for input with the measured spectrum.
 */
function edgeGains(filter: WhiteningFilter, length: number): Float64Array {
  const r = filter.radius;
  const power = (from: number, to: number) => {
    let sum = 0;
    for (let k = from; k <= to; k++) {
      for (let q = from; q <= to; q++) {
        // h_k conj(h_q) R(q - k), with R(-l) = conj R(l); only the real part survives the double sum.
        const l = Math.abs(q - k),
          sign = q >= k ? 1 : -1;
        const ar = filter.re[k + r]! * filter.re[q + r]! + filter.im[k + r]! * filter.im[q + r]!;
        const ai = filter.im[k + r]! * filter.re[q + r]! - filter.re[k + r]! * filter.im[q + r]!;
        sum += ar * filter.acfRe[l]! - ai * sign * filter.acfIm[l]!;
      }
    }
    return sum;
  };
  const total = power(-r, r);
  const out = new Float64Array(length);
  for (let p = 0; p < length; p++) {
    const from = Math.max(-r, p - length + 1),
      to = Math.min(r, p);
    out[p] = from === -r && to === r ? 1 : Math.sqrt(total / power(from, to));
  }
  return out;
}

/** out[p] = g(p) sum_k h[k] z[p - k] along each row (range), every row of the block. */
export function filterRows(z: ComplexRows, filter: WhiteningFilter): ComplexRows {
  const { rows, width } = z;
  const r = filter.radius;
  const gains = edgeGains(filter, width);
  const re = new Float32Array(rows * width);
  const im = new Float32Array(rows * width);
  for (let i = 0; i < rows; i++) {
    const base = i * width;
    for (let p = 0; p < width; p++) {
      let sr = 0,
        si = 0;
      for (let k = Math.max(-r, p - width + 1); k <= Math.min(r, p); k++) {
        const hr = filter.re[k + r]!,
          hi = filter.im[k + r]!;
        const zr = z.re[base + p - k]!,
          zi = z.im[base + p - k]!;
        sr += hr * zr - hi * zi;
        si += hr * zi + hi * zr;
      }
      re[base + p] = sr * gains[p]!;
      im[base + p] = si * gains[p]!;
    }
  }
  return { re, im, rows, width };
}

/**
 * The same along columns (azimuth), for output rows [top, top + rows) of an image `height` rows high, from a block
 * holding image rows [blockTop, blockTop + z.rows) that covers them with `radius` rows either side (or to the image's
 * edge): each output depends only on its absolute row, so bands of rows give exactly the whole image's values.
 */
export function filterColumns(
  z: ComplexRows,
  filter: WhiteningFilter,
  blockTop: number,
  top: number,
  rows: number,
  height: number,
): ComplexRows {
  const { width } = z;
  const r = filter.radius;
  if (blockTop > Math.max(0, top - r) || blockTop + z.rows < Math.min(height, top + rows + r)) {
    throw new Error(
      `rows ${blockTop} to ${blockTop + z.rows} do not cover the filter's margin around rows ${top} to ${top + rows}`,
    );
  }
  const gains = edgeGains(filter, height);
  const re = new Float32Array(rows * width);
  const im = new Float32Array(rows * width);
  const sr = new Float64Array(width);
  const si = new Float64Array(width);
  for (let i = 0; i < rows; i++) {
    const p = top + i;
    sr.fill(0);
    si.fill(0);
    for (let k = Math.max(-r, p - height + 1); k <= Math.min(r, p); k++) {
      const hr = filter.re[k + r]!,
        hi = filter.im[k + r]!;
      const base = (p - k - blockTop) * width;
      for (let j = 0; j < width; j++) {
        const zr = z.re[base + j]!,
          zi = z.im[base + j]!;
        sr[j] += hr * zr - hi * zi;
        si[j] += hr * zi + hi * zr;
      }
    }
    for (let j = 0; j < width; j++) {
      re[i * width + j] = sr[j]! * gains[p]!;
      im[i * width + j] = si[j]! * gains[p]!;
    }
  }
  return { re, im, rows, width };
}
