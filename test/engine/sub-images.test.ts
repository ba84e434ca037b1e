import { describe, expect, it } from 'vitest';
import { makeImage } from '../../main/engine/image';
import { joinSubImages, subImages } from '../../main/engine/sub-images';

describe('pixel-shuffled sub-images', () => {
  it('take every k-th pixel from each phase and put back exactly, odd sizes and colour included', () => {
    for (const [h, w, c, k] of [
      [7, 9, 1, 2],
      [10, 11, 3, 3],
      [4, 4, 2, 2],
    ] as const) {
      const image = makeImage(
        h,
        w,
        c,
        Float32Array.from({ length: h * w * c }, (_, i) => i),
      );
      const subs = subImages(image, k);
      expect(subs).toHaveLength(k * k);
      expect(subs.reduce((n, s) => n + s.data.length, 0)).toBe(h * w * c);
      // Sub-image (1, 0) starts at pixel (1, 0); its next value along the row is k pixels on.
      expect(Array.from(subs[k]!.data.subarray(0, c))).toEqual(Array.from(image.data.subarray(w * c, w * c + c)));
      expect(subs[k]!.data[c]).toBe(image.data[(w + k) * c]);
      expect(Array.from(joinSubImages(subs, k, h, w).data)).toEqual(Array.from(image.data));
    }
  });
});
