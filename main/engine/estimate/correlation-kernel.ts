import { symmetricSqrt } from './matrix-sqrt';

/**
 * A convolution kernel K whose field u = K * z (z white, N(0, 1) per channel) has the correlation `rho`:
 * rho(d) = sum_d' K(d') K(d' + d)^T. rho is given on lags |dy|, |dx| <= radius as C x C matrices, symmetric in d
 * (rho(d) = rho(-d)) and in the channels. Its spectrum S(f) = sum_d rho(d) cos(2 pi f.d / G) on a G x G grid is real
 * symmetric per frequency; K = IDFT of S(f)^(1/2) (the symmetric root, so K is real and K(d) = K(-d)), cut to the
 * radius and scaled so that Var(u_c) = 1. Negative eigenvalues of S (a noisy, truncated estimate) become 0.
 */
export function correlationKernel(rho: Float64Array, radius: number, channels: number, grid = 32): number[] {
  const side = 2 * radius + 1;
  const cc = channels * channels;
  const at = (dy: number, dx: number) => ((dy + radius) * side + dx + radius) * cc;
  const cos = Float64Array.from({ length: grid }, (_, k) => Math.cos((2 * Math.PI * k) / grid));
  const phase = (f: number, d: number) => cos[(((f * d) % grid) + grid) % grid]!;
  const roots: Float64Array[] = [];
  for (let fy = 0; fy < grid; fy++) {
    for (let fx = 0; fx < grid; fx++) {
      const spectrum = new Float64Array(cc);
      for (let dy = -radius; dy <= radius; dy++) {
        for (let dx = -radius; dx <= radius; dx++) {
          const w = phase(fy, dy) * phase(fx, dx) - sinProduct(fy, dy, fx, dx, grid);
          const base = at(dy, dx);
          for (let k = 0; k < cc; k++) spectrum[k]! += w * rho[base + k]!;
        }
      }
      roots.push(symmetricSqrt(spectrum, channels));
    }
  }
  const kernel = new Float64Array(side * side * cc);
  for (let dy = -radius; dy <= radius; dy++) {
    for (let dx = -radius; dx <= radius; dx++) {
      const base = at(dy, dx);
      roots.forEach((root, f) => {
        const w = (phase(Math.floor(f / grid), dy) * phase(f % grid, dx) - sinProduct(Math.floor(f / grid), dy, f % grid, dx, grid)) / (grid * grid);
        for (let k = 0; k < cc; k++) kernel[base + k]! += w * root[k]!;
      });
    }
  }
  return normaliseRows(kernel, side * side, channels);
}

/** sin(a) sin(b) for cos(a + b) = cos a cos b - sin a sin b, with a = 2 pi fy dy / G and b = 2 pi fx dx / G. */
function sinProduct(fy: number, dy: number, fx: number, dx: number, grid: number): number {
  return Math.sin((2 * Math.PI * fy * dy) / grid) * Math.sin((2 * Math.PI * fx * dx) / grid);
}

/** Scales each output channel's taps so that its field has unit variance: sum over taps and inputs of K^2 = 1. */
function normaliseRows(kernel: Float64Array, taps: number, channels: number): number[] {
  const cc = channels * channels;
  for (let o = 0; o < channels; o++) {
    let energy = 0;
    for (let t = 0; t < taps; t++) for (let i = 0; i < channels; i++) energy += kernel[t * cc + o * channels + i]! ** 2;
    const scale = energy > 0 ? 1 / Math.sqrt(energy) : 0;
    for (let t = 0; t < taps; t++) for (let i = 0; i < channels; i++) kernel[t * cc + o * channels + i]! *= scale;
  }
  return Array.from(kernel);
}
