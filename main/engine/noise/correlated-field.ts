import type { NoiseProfile } from '../../shared/noise';
import type { Rng } from '../random/rng';

/**
 * Unit-level correlated noise for one image, u = K * z: z white N(0, 1) per channel on the image grown by the
 * kernel's radius (so the border has the same covariance as the middle), K the profile's kernel of C x C mixing
 * matrices. Pixel by pixel, `rng.mark()` opens each padded pixel's C draws, so an antithetic stream mirrors
 * z -> -z and with it u -> -u (the field is linear in z). A one-channel profile gives every channel the same u.
 */
export function unitField(
  profile: NoiseProfile,
  height: number,
  width: number,
  channels: number,
  rng: Rng,
): Float32Array {
  const r = profile.radius;
  const pc = profile.channels;
  const side = 2 * r + 1;
  const pw = width + 2 * r;
  const ph = height + 2 * r;
  const z = new Float32Array(ph * pw * pc);
  for (let p = 0; p < ph * pw; p++) {
    rng.mark();
    for (let k = 0; k < pc; k++) z[p * pc + k] = rng.normal();
  }
  const kernel = Float32Array.from(profile.kernel);
  const u = new Float32Array(height * width * channels);
  const acc = new Float64Array(pc);
  for (let i = 0; i < height; i++) {
    for (let j = 0; j < width; j++) {
      acc.fill(0);
      for (let dy = 0; dy < side; dy++) {
        const zRow = ((i + dy) * pw + j) * pc;
        for (let dx = 0; dx < side; dx++) {
          const zAt = zRow + dx * pc;
          const kAt = (dy * side + dx) * pc * pc;
          for (let o = 0; o < pc; o++) {
            let s = 0;
            for (let c = 0; c < pc; c++) s += kernel[kAt + o * pc + c]! * z[zAt + c]!;
            acc[o]! += s;
          }
        }
      }
      const out = (i * width + j) * channels;
      for (let k = 0; k < channels; k++) u[out + k] = acc[Math.min(k, pc - 1)]!;
    }
  }
  return u;
}

/** The noise standard deviation of channel c at brightness m: piecewise linear through the knots, flat beyond. */
export function sigmaAt(profile: NoiseProfile, m: number, c: number): number {
  const { levels, sigmas } = profile;
  const k = Math.min(c, profile.channels - 1);
  if (m <= levels[0]!) return sigmas[0]![k]!;
  const last = levels.length - 1;
  if (m >= levels[last]!) return sigmas[last]![k]!;
  let i = 1;
  while (levels[i]! < m) i++;
  const t = (m - levels[i - 1]!) / (levels[i]! - levels[i - 1]!);
  return sigmas[i - 1]![k]! * (1 - t) + sigmas[i]![k]! * t;
}

/**
 * Per-pixel brightness m for the level function: the mean over channels of a (2 radius + 1)^2 box around each
 * pixel (clipped at the border). The box averages most of y's own noise out, so sigma(m) is close to sigma(x).
 */
export function localBrightness(
  y: Float32Array,
  height: number,
  width: number,
  channels: number,
  radius = 2,
): Float32Array {
  const sums = new Float64Array((height + 1) * (width + 1));
  for (let i = 0; i < height; i++) {
    let row = 0;
    for (let j = 0; j < width; j++) {
      let v = 0;
      for (let k = 0; k < channels; k++) v += y[(i * width + j) * channels + k]!;
      row += v / channels;
      sums[(i + 1) * (width + 1) + j + 1] = sums[i * (width + 1) + j + 1]! + row;
    }
  }
  const m = new Float32Array(height * width);
  for (let i = 0; i < height; i++) {
    const top = Math.max(0, i - radius);
    const bottom = Math.min(height, i + radius + 1);
    for (let j = 0; j < width; j++) {
      const left = Math.max(0, j - radius);
      const right = Math.min(width, j + radius + 1);
      const total =
        sums[bottom * (width + 1) + right]! -
        sums[top * (width + 1) + right]! -
        sums[bottom * (width + 1) + left]! +
        sums[top * (width + 1) + left]!;
      m[i * width + j] = total / ((bottom - top) * (right - left));
    }
  }
  return m;
}
