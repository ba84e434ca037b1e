import { describe, expect, it } from 'vitest';
import { makeImage } from '../../main/engine/image';
import { rawToScreen, srgbFromCamera } from '../../main/engine/raw-colour';

// A camera whose colour matrix (XYZ to camera) is sRGB's own (IEC 61966-2-1, D65; the standard's constants, not a
// computed inverse, so the test does not repeat the code): its raw colours are linear sRGB.
const SRGB_FROM_XYZ = [
  3.2404542, -1.5371385, -0.4985314, -0.969266, 1.8760108, 0.041556, 0.0556434, -0.2040259, 1.0572252,
];

describe('raw quick look', () => {
  it('builds sRGB from camera through the colour matrix, rows normalised so that white stays white', () => {
    srgbFromCamera(SRGB_FROM_XYZ).forEach((v, k) => expect(v).toBeCloseTo(k % 4 === 0 ? 1 : 0, 4));
    const scaled = SRGB_FROM_XYZ.map((v) => v * 3);
    srgbFromCamera(scaled).forEach((v, k) => expect(v).toBeCloseTo(k % 4 === 0 ? 1 : 0, 4));
  });

  it('white-balances by 1 / AsShotNeutral: the neutral as shot becomes grey, in any CFA order', () => {
    // GBRG planes of a grey card the camera saw as (0.25, 0.5, 0.4).
    const planes = makeImage(1, 1, 4, Float32Array.from([0.5, 0.4, 0.25, 0.5]));
    const colour = { planeColours: [1, 2, 0, 1], neutral: [0.5, 1, 0.8], cameraFromXyz: SRGB_FROM_XYZ };
    const [r, g, b] = rawToScreen(planes, colour).data;
    expect(r).toBeCloseTo(0.5 ** (1 / 2.2), 4);
    expect(g).toBeCloseTo(r!, 4);
    expect(b).toBeCloseTo(r!, 4);
    const unbalanced = rawToScreen(planes).data;
    expect(unbalanced[0]).not.toBeCloseTo(unbalanced[1]!, 2);
  });
});
