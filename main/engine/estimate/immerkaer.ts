import type { Plane } from './plane';

/**
 * Immerkaer (1996): convolve with M = [[1,-2,1],[-2,4,-2],[1,-2,1]] (the difference of two Laplacians,
 * blind to planes), sigma = sqrt(pi / 2) / (6 (W - 2) (H - 2)) * sum |I * M|, over the positions with
 * data. Fast; over-estimates on texture.
 */
export function immerkaerSigma(plane: Plane): number {
  const { data, height, width } = plane;
  if (height < 3 || width < 3) return NaN;
  let sum = 0;
  let count = 0;
  for (let i = 1; i < height - 1; i++) {
    for (let j = 1; j < width - 1; j++) {
      const p = i * width + j;
      const up = p - width;
      const down = p + width;
      const v =
        data[up - 1] -
        2 * data[up] +
        data[up + 1] -
        2 * data[p - 1] +
        4 * data[p] -
        2 * data[p + 1] +
        data[down - 1] -
        2 * data[down] +
        data[down + 1];
      if (!Number.isFinite(v)) continue;
      sum += Math.abs(v);
      count++;
    }
  }
  return (Math.sqrt(Math.PI / 2) * sum) / (6 * count);
}
