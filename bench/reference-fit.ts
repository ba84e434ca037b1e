// The part of noisy - reference that is not noise: a reference a fraction of a pixel off, or sharpened differently,
// differs from the noisy shot by a deterministic function of its own gradients and Laplacians. Fitted per image by
// least squares, r = y - x ~ c1 lap1(x) + c2 lap2(x) + c3 dx(x) + c4 dy(x) + c5, shared by the channels: c3, c4 are
// the shift in pixels (x(p + s) ~ x + s . grad x), c1, c2 a difference of sharpness. Bench-only: the denoiser never sees
// references.
import type { ImageF32 } from '../main/engine/image';
import { solveLinear } from '../main/engine/estimate/plane-fit-bias';

export interface ReferenceFit {
  /** Share of the variance of noisy - reference that the fit explains. */
  readonly explained: number;
  /** Shift of the noisy shot against the reference, in pixels (columns, rows). */
  readonly shift: readonly [number, number];
  /** The reference moved onto the noisy shot's shift and sharpness (its border of 2 pixels kept as it is). */
  readonly moved: ImageF32;
}

const FEATURES = 5;

export function fitReference(noisy: ImageF32, reference: ImageF32): ReferenceFit {
  const { height: h, width: w, channels: c } = reference;
  const x = reference.data;
  const at = (i: number, j: number, k: number) => x[(i * w + j) * c + k]!;
  const features = (i: number, j: number, k: number, f: Float64Array) => {
    const v = at(i, j, k);
    f[0] = at(i - 1, j, k) + at(i + 1, j, k) + at(i, j - 1, k) + at(i, j + 1, k) - 4 * v;
    f[1] = (at(i - 2, j, k) + at(i + 2, j, k) + at(i, j - 2, k) + at(i, j + 2, k) - 4 * v) / 4;
    f[2] = (at(i, j + 1, k) - at(i, j - 1, k)) / 2;
    f[3] = (at(i + 1, j, k) - at(i - 1, j, k)) / 2;
    f[4] = 1;
  };
  const ata = new Float64Array(FEATURES * FEATURES);
  const atr = new Float64Array(FEATURES);
  const f = new Float64Array(FEATURES);
  let rr = 0;
  for (let i = 2; i < h - 2; i++)
    for (let j = 2; j < w - 2; j++)
      for (let k = 0; k < c; k++) {
        features(i, j, k, f);
        const p = (i * w + j) * c + k;
        const r = noisy.data[p]! - x[p]!;
        for (let a = 0; a < FEATURES; a++) {
          atr[a]! += f[a]! * r;
          for (let b = 0; b < FEATURES; b++) ata[a * FEATURES + b]! += f[a]! * f[b]!;
        }
        rr += r * r;
      }
  const coef = solveLinear(ata, atr, FEATURES);
  const explained = coef.reduce((s, v, a) => s + v * atr[a]!, 0) / rr;
  const moved = Float32Array.from(x);
  for (let i = 2; i < h - 2; i++)
    for (let j = 2; j < w - 2; j++)
      for (let k = 0; k < c; k++) {
        features(i, j, k, f);
        moved[(i * w + j) * c + k] = at(i, j, k) + coef.reduce((s, v, a) => s + v * f[a]!, 0);
      }
  return { explained, shift: [coef[2]!, coef[3]!], moved: { ...reference, data: moved } };
}
