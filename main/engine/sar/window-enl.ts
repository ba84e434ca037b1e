import type { ImageF32 } from '../image';

/**
 * The equivalent number of looks of an intensity image where it is most homogeneous: ENL = mean^2 / variance of
 * each `size` x `size` window (stride size / 2, first band), the median of the top 10% (at least 5). Speckle of
 * L looks over a flat area gives L; a despeckled one, many more. Windows holding a non-positive or missing value
 * (no-data borders) are skipped; NaN when no window is left.
 */
export function windowEnl(image: ImageF32, size = 16): number {
  const { data, width, height, channels } = image;
  const enl: number[] = [];
  for (let i = 0; i + size <= height; i += size / 2) {
    for (let j = 0; j + size <= width; j += size / 2) {
      let s = 0;
      let ss = 0;
      let ok = true;
      for (let a = i; a < i + size && ok; a++) {
        for (let b = j; b < j + size; b++) {
          const v = data[(a * width + b) * channels]!;
          if (!(v > 0 && Number.isFinite(v))) {
            ok = false;
            break;
          }
          s += v;
          ss += v * v;
        }
      }
      const n = size * size;
      const m = s / n;
      const variance = (ss - n * m * m) / (n - 1);
      if (ok && variance > 0) enl.push((m * m) / variance);
    }
  }
  enl.sort((a, b) => b - a);
  const top = enl.slice(0, Math.max(5, Math.round(enl.length / 10)));
  return top[Math.floor(top.length / 2)] ?? NaN;
}
