import { detrendConstants, lagOneFromRatio } from './detrend';
import type { Plane } from './plane';

const size = 8;
const constants = detrendConstants(size);

/**
 * Lag-1 autocorrelation of the noise along rows, from at most `maxWindows` windows. Each 8 x 8 window
 * is judged by the variance of one half of its rows; in the flattest `fraction` (at least 64), the other
 * half's rows, each minus its straight-line fit, give the correlation. The halves share no pixel, so
 * choosing does not bias the noise; it keeps texture out, which would read as correlation. Expects
 * noise of about constant variance (see stabilise.ts).
 */
export function rowCorrelation(plane: Plane, maxWindows = 20_000, fraction = 0.05): number {
  const windows = windowCorners(plane, maxWindows);
  const keyed = windows.flatMap(([i, j]) =>
    [0, 1].map((half) => ({ i, j, half, key: halfVariance(plane, i, j, half) })),
  );
  const finite = keyed.filter((w) => Number.isFinite(w.key)).sort((a, b) => a.key - b.key);
  const chosen = finite.slice(0, Math.max(64, Math.floor(finite.length * fraction)));
  let s0 = 0;
  let s1 = 0;
  for (const w of chosen) {
    for (let r = w.i + 1 - w.half; r < w.i + size; r += 2) {
      const [a, b] = detrendedProducts(plane, r, w.j);
      s0 += a;
      s1 += b;
    }
  }
  return s0 > 0 ? lagOneFromRatio(s1 / s0, constants) : 0;
}

function windowCorners(plane: Plane, maxWindows: number): [number, number][] {
  const step = size * Math.max(1, Math.ceil(Math.sqrt((plane.height * plane.width) / (size * size * maxWindows))));
  const corners: [number, number][] = [];
  for (let i = 0; i + size <= plane.height; i += step)
    for (let j = 0; j + size <= plane.width; j += step) corners.push([i, j]);
  return corners;
}

/** Variance of the pixels of rows i + half, i + half + 2, ... of the window; NaN if any is not finite. */
function halfVariance(plane: Plane, i: number, j: number, half: number): number {
  let s = 0,
    ss = 0,
    n = 0;
  for (let r = i + half; r < i + size; r += 2) {
    for (let c = j; c < j + size; c++) {
      const v = plane.data[r * plane.width + c];
      s += v;
      ss += v * v;
      n++;
    }
  }
  return (ss - (s * s) / n) / (n - 1);
}

/** [sum r^2, sum r_k r_(k+1)] of one row of the window minus its least-squares line. */
function detrendedProducts(plane: Plane, row: number, col: number): [number, number] {
  const y = plane.data.subarray(row * plane.width + col, row * plane.width + col + size);
  const mk = (size - 1) / 2;
  let sy = 0,
    sky = 0,
    skk = 0;
  for (let k = 0; k < size; k++) {
    sy += y[k];
    sky += (k - mk) * y[k];
    skk += (k - mk) ** 2;
  }
  const slope = sky / skk;
  const r = Array.from(y, (v, k) => v - sy / size - slope * (k - mk));
  let s0 = 0,
    s1 = 0;
  for (let k = 0; k < size; k++) {
    s0 += r[k] * r[k];
    if (k + 1 < size) s1 += r[k] * r[k + 1];
  }
  return Number.isFinite(s0 + s1) ? [s0, s1] : [0, 0];
}
