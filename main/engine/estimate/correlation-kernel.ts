import { symmetricSqrt } from './matrix-sqrt';

/**
 * A convolution kernel K whose field u = K * z (z white, N(0, 1) per channel; u(p) = sum_s K(s) z(p + s)) has the
 * correlation `rho`: rho(d) = E[u(p) u(p + d)^T] = sum_s K(s) K(s - d)^T, given on lags |dy|, |dx| <= radius as
 * C x C matrices with rho(-d) = rho(d)^T. Its spectrum S(f) = sum_d rho(d) e^(-i 2 pi f.d / G) on a G x G grid is
 * Hermitian per frequency, and S = K^(f) K^(f)^H with K^(f) = sum_s K(s) e^(-i 2 pi f.s / G); K = IDFT of S(f)^(1/2)
 * (the Hermitian root, so K is real), cut to the radius and scaled so that Var(u_c) = 1. Negative eigenvalues of S (a
 * noisy, truncated estimate) become 0. For rho even in d (`directional` false: a photo's channels) S is real symmetric
 * and so is K; CFA planes on offset photosites need the complex root: the real 2C x 2C matrix [[A, -B], [B, A]] of
 * S = A + iB has the root [[P, -Q], [Q, P]], and S^(1/2) = P + iQ.
 */
export function correlationKernel(
  rho: Float64Array,
  radius: number,
  channels: number,
  directional = false,
  grid = 32,
): number[] {
  const side = 2 * radius + 1;
  const cc = channels * channels;
  const at = (dy: number, dx: number) => ((dy + radius) * side + dx + radius) * cc;
  const angle = (fy: number, dy: number, fx: number, dx: number) =>
    (2 * Math.PI * (((fy * dy + fx * dx) % grid) + grid)) / grid;
  const roots: { real: Float64Array; imag?: Float64Array }[] = [];
  for (let fy = 0; fy < grid; fy++) {
    for (let fx = 0; fx < grid; fx++) {
      const real = new Float64Array(cc);
      const imag = new Float64Array(cc);
      for (let dy = -radius; dy <= radius; dy++) {
        for (let dx = -radius; dx <= radius; dx++) {
          const a = angle(fy, dy, fx, dx);
          const [cos, sin] = [Math.cos(a), Math.sin(a)];
          const base = at(dy, dx);
          for (let k = 0; k < cc; k++) {
            real[k]! += cos * rho[base + k]!;
            imag[k]! -= sin * rho[base + k]!;
          }
        }
      }
      roots.push(directional ? hermitianSqrt(real, imag, channels) : { real: symmetricSqrt(real, channels) });
    }
  }
  const kernel = new Float64Array(side * side * cc);
  for (let dy = -radius; dy <= radius; dy++) {
    for (let dx = -radius; dx <= radius; dx++) {
      const base = at(dy, dx);
      roots.forEach(({ real, imag }, f) => {
        // Re[(P + iQ) e^(i a)] = P cos a - Q sin a.
        const a = angle(Math.floor(f / grid), dy, f % grid, dx);
        const [cos, sin] = [Math.cos(a) / (grid * grid), Math.sin(a) / (grid * grid)];
        for (let k = 0; k < cc; k++) kernel[base + k]! += cos * real[k]! - (imag ? sin * imag[k]! : 0);
      });
    }
  }
  return normaliseRows(kernel, side * side, channels);
}

/** The Hermitian root P + iQ of the Hermitian PSD A + iB (n x n), through the real root of [[A, -B], [B, A]]. */
function hermitianSqrt(real: Float64Array, imag: Float64Array, n: number): { real: Float64Array; imag: Float64Array } {
  const m = 2 * n;
  const big = new Float64Array(m * m);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      big[i * m + j] = real[i * n + j]!;
      big[(i + n) * m + j + n] = real[i * n + j]!;
      big[i * m + j + n] = -imag[i * n + j]!;
      big[(i + n) * m + j] = imag[i * n + j]!;
    }
  }
  const root = symmetricSqrt(big, m);
  const p = new Float64Array(n * n);
  const q = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      p[i * n + j] = root[i * m + j]!;
      q[i * n + j] = root[(i + n) * m + j]!;
    }
  }
  return { real: p, imag: q };
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
