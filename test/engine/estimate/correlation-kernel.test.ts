import { describe, expect, it } from 'vitest';
import { correlationKernel } from '../../../main/engine/estimate/correlation-kernel';

/** rho(d) = sum_s K(s) K(s - d)^T on lags |d| <= 2 radius... kept to `radius`, for a kernel of `radius` (C x C taps). */
function correlationOf(kernel: readonly number[], radius: number, c: number): Float64Array {
  const side = 2 * radius + 1;
  const tap = (dy: number, dx: number, o: number, i: number) =>
    Math.abs(dy) > radius || Math.abs(dx) > radius
      ? 0
      : kernel[(((dy + radius) * side + dx + radius) * c + o) * c + i]!;
  const rho = new Float64Array(side * side * c * c);
  for (let dy = -radius; dy <= radius; dy++) {
    for (let dx = -radius; dx <= radius; dx++) {
      for (let a = 0; a < c; a++) {
        for (let b = 0; b < c; b++) {
          let sum = 0;
          for (let sy = -radius; sy <= radius; sy++) {
            for (let sx = -radius; sx <= radius; sx++)
              for (let i = 0; i < c; i++) sum += tap(sy, sx, a, i) * tap(sy - dy, sx - dx, b, i);
          }
          rho[(((dy + radius) * side + dx + radius) * c + a) * c + b] = sum;
        }
      }
    }
  }
  return rho;
}

describe('correlation kernel of direction-dependent cross-channel noise (CFA planes)', () => {
  // Two planes on offset photosites: plane 0 sees the noise at p, plane 1 that of p and its right neighbour, so
  // E[u_0(p) u_1(p + d)] is 1/sqrt(2) at d = (0, -1) but 0 at d = (0, +1): the cross-correlation depends on the direction.
  const radius = 1;
  const c = 2;
  const k0 = new Array<number>(9 * 4).fill(0);
  const set = (dy: number, dx: number, o: number, i: number, v: number) =>
    (k0[(((dy + 1) * 3 + dx + 1) * c + o) * c + i] = v);
  set(0, 0, 0, 0, 1);
  set(0, 0, 1, 0, Math.SQRT1_2);
  set(0, 1, 1, 0, Math.SQRT1_2);
  const rho = correlationOf(k0, radius, c);
  const cross = (r: Float64Array, dy: number, dx: number) => r[(((dy + 1) * 3 + dx + 1) * c + 0) * c + 1]!;

  it('keeps the direction: the kernel built from rho gives rho back (within 0.05)', () => {
    expect(cross(rho, 0, -1)).toBeCloseTo(Math.SQRT1_2, 5);
    expect(cross(rho, 0, 1)).toBeCloseTo(0, 5);
    const back = correlationOf(correlationKernel(rho, radius, c, true), radius, c);
    for (let i = 0; i < rho.length; i++) expect(Math.abs(back[i]! - rho[i]!)).toBeLessThan(0.05);
    expect(Math.abs(cross(back, 0, -1) - cross(rho, 0, -1))).toBeLessThan(0.05);
    expect(Math.abs(cross(back, 0, 1))).toBeLessThan(0.05);
  });

  it("the even root (right for a photo's channels) loses the direction: both sides get half", () => {
    const back = correlationOf(correlationKernel(rho, radius, c, false), radius, c);
    expect(Math.abs(cross(back, 0, 1) - cross(back, 0, -1))).toBeLessThan(0.05);
    expect(Math.abs(cross(back, 0, 1) - cross(rho, 0, 1))).toBeGreaterThan(0.2);
  });
});
