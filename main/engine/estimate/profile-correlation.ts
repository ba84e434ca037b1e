import type { NoiseProfile } from '../../shared/noise';

/** The correlation of unit-level noise u = K * z at lag (dy, dx), averaged over channels: sum_d K(d) K(d + lag)^T. */
export function profileCorrelation(profile: NoiseProfile, ly: number, lx: number): number {
  const { radius: r, channels: c, kernel } = profile;
  const side = 2 * r + 1;
  const tap = (dy: number, dx: number, o: number, i: number) => kernel[(((dy + r) * side + dx + r) * c + o) * c + i]!;
  let sum = 0;
  let zero = 0;
  for (let o = 0; o < c; o++) {
    for (let dy = -r; dy <= r; dy++) {
      for (let dx = -r; dx <= r; dx++) {
        for (let i = 0; i < c; i++) {
          zero += tap(dy, dx, o, i) ** 2;
          if (Math.abs(dy + ly) <= r && Math.abs(dx + lx) <= r) sum += tap(dy, dx, o, i) * tap(dy + ly, dx + lx, o, i);
        }
      }
    }
  }
  return zero > 0 ? sum / zero : 0;
}
