import type { Plane } from './plane';
import { median } from './robust';

/**
 * Donoho's wavelet MAD: sigma = median(|HH|) / 0.6745 over the finest diagonal Haar coefficients,
 * HH = (a - b - c + d) / 2 on each 2x2 block (blocks without data skipped). Fast; over-estimates on texture.
 */
export function haarMadSigma(plane: Plane): number {
  const { data, width } = plane;
  const rows = Math.floor(plane.height / 2);
  const cols = Math.floor(width / 2);
  const coefficients: number[] = [];
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const p = 2 * i * width + 2 * j;
      const hh = Math.abs(data[p] - data[p + 1] - data[p + width] + data[p + width + 1]) / 2;
      if (Number.isFinite(hh)) coefficients.push(hh);
    }
  }
  return median(coefficients) / 0.6745;
}
