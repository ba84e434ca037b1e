import { describe, expect, it } from 'vitest';
import { makeImage } from '../../main/engine/image';
import { rawToScreen, srgbFromCamera } from '../../main/engine/raw-colour';

// A camera whose colour matrix (XYZ to camera) is the inverse of sRGB's: its raw colours are linear sRGB.
const XYZ_FROM_SRGB = [0.4124564, 0.3575761, 0.1804375, 0.2126729, 0.7151522, 0.072175, 0.0193339, 0.119192, 0.9503041];
function inverse(m: number[]): number[] {
  const [a, b, c, d, e, f, g, h, i] = m as [number, number, number, number, number, number, number, number, number];
  const det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
  return [
    e * i - f * h,
    c * h - b * i,
    b * f - c * e,
    f * g - d * i,
    a * i - c * g,
    c * d - a * f,
    d * h - e * g,
    b * g - a * h,
    a * e - b * d,
  ].map((v) => v / det);
}

describe('raw quick look', () => {
  it('builds sRGB from camera through the colour matrix, rows normalised so that white stays white', () => {
    srgbFromCamera(inverse(XYZ_FROM_SRGB)).forEach((v, k) => expect(v).toBeCloseTo(k % 4 === 0 ? 1 : 0, 4));
    const scaled = inverse(XYZ_FROM_SRGB).map((v) => v * 3);
    srgbFromCamera(scaled).forEach((v, k) => expect(v).toBeCloseTo(k % 4 === 0 ? 1 : 0, 4));
  });

  it('white-balances by 1 / AsShotNeutral: the neutral as shot becomes grey, in any CFA order', () => {
    // GBRG planes of a grey card the camera saw as (0.25, 0.5, 0.4).
    const planes = makeImage(1, 1, 4, Float32Array.from([0.5, 0.4, 0.25, 0.5]));
    const colour = { planeColours: [1, 2, 0, 1], neutral: [0.5, 1, 0.8], cameraFromXyz: inverse(XYZ_FROM_SRGB) };
    const [r, g, b] = rawToScreen(planes, colour).data;
    expect(r).toBeCloseTo(0.5 ** (1 / 2.2), 4);
    expect(g).toBeCloseTo(r!, 4);
    expect(b).toBeCloseTo(r!, 4);
    const unbalanced = rawToScreen(planes).data;
    expect(unbalanced[0]).not.toBeCloseTo(unbalanced[1]!, 2);
  });
});
