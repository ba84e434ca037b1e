import type { NoiseProfile } from '../../shared/noise';

/**
 * The lag-1 correlation of each channel's unit-level noise u = K * z, the mean of the row and column neighbours':
 * Cov(u_c(p), u_c(p + d)) = sum_t sum_i K(t)[c][i] K(t + d)[c][i] (Var(u_c) = 1 by the profile's normalisation).
 * On a raw file's CFA planes this is what the sensor's noise should not have: shot and read noise are independent from
 * photosite to photosite, so a plane correlated with its neighbours has been compressed or processed in the camera.
 */
export function planeCorrelations(profile: NoiseProfile): number[] {
  const { radius: r, channels: c, kernel } = profile;
  const side = 2 * r + 1;
  const tap = (dy: number, dx: number, o: number, i: number) => kernel[(((dy + r) * side + dx + r) * c + o) * c + i]!;
  const covariance = (o: number, ly: number, lx: number) => {
    let sum = 0;
    for (let dy = -r; dy <= r; dy++) {
      for (let dx = -r; dx <= r; dx++) {
        if (Math.abs(dy + ly) > r || Math.abs(dx + lx) > r) continue;
        for (let i = 0; i < c; i++) sum += tap(dy, dx, o, i) * tap(dy + ly, dx + lx, o, i);
      }
    }
    return sum;
  };
  return Array.from({ length: c }, (_, o) => {
    const variance = covariance(o, 0, 0);
    return variance > 0 ? (covariance(o, 0, 1) + covariance(o, 1, 0)) / (2 * variance) : 0;
  });
}
