import { describe, expect, it } from 'vitest';
import { makeImage } from '../../main/engine/image';
import { rawToScreen } from '../../main/engine/raw-colour';
import { rawToScreenFullSize } from '../../main/engine/raw-full-size';

const colour = {
  planeColours: [0, 1, 1, 2],
  neutral: [0.5, 1, 0.7],
  cameraFromXyz: [0.8, -0.2, -0.1, -0.4, 1.2, 0.1, -0.05, 0.2, 0.6],
};

describe('full-size raw quick look (the viewer at 100%)', () => {
  it("gives one pixel per photosite, and the half-size look's colour wherever each plane is uniform", () => {
    const [h, w] = [5, 7];
    const planes = makeImage(
      h,
      w,
      4,
      Float32Array.from({ length: h * w * 4 }, (_, k) => [0.2, 0.4, 0.4, 0.3][k % 4]!),
    );
    const full = rawToScreenFullSize(planes, colour)!;
    expect([full.height, full.width, full.channels]).toEqual([2 * h, 2 * w, 3]);
    const half = rawToScreen(planes, colour);
    for (let p = 0; p < full.height * full.width; p++) {
      for (let c = 0; c < 3; c++) expect(full.data[p * 3 + c]).toBeCloseTo(half.data[c]!, 5);
    }
  });

  it("keeps each photosite's own value and interpolates the other colours from its neighbours", () => {
    // One bright red photosite in the middle cell: only its own pixel and its eight neighbours see red.
    const planes = makeImage(3, 3, 4, new Float32Array(36));
    planes.data[(1 * 3 + 1) * 4] = 1; // the red plane's centre: photosite (2, 2)
    const full = rawToScreenFullSize(planes, { planeColours: [0, 1, 1, 2] })!;
    const red = (i: number, j: number) => full.data[(i * 6 + j) * 3]!;
    expect(red(2, 2)).toBeCloseTo(1, 5);
    expect(red(2, 3)).toBeCloseTo(0.5 ** (1 / 2.2), 4); // green site between two reds, one of them lit
    expect(red(3, 3)).toBeCloseTo(0.25 ** (1 / 2.2), 4); // blue site with four red corners
    expect(red(4, 4)).toBe(0);
    expect(red(0, 0)).toBe(0);
  });

  it("leaves planes that are not a mosaic pattern's to the plain look", () => {
    expect(rawToScreenFullSize(makeImage(2, 2, 3, new Float32Array(12)), undefined)).toBeUndefined();
  });
});
