import type { LooksEstimates } from './looks';
import { estimateLooks } from './looks';
import type { Plane } from './plane';
import { trigamma } from './polygamma';
import type { PixelSums, SpeckleWindow } from './speckle-windows';
import { logVariance, speckleWindows } from './speckle-windows';
import { tileGroup } from './split-error';

export interface HomogeneousLooks {
  readonly looks: LooksEstimates;
  /** Windows measured, and pixel runs the looks came from. */
  readonly windows: number;
  readonly runs: number;
  /** Maximum-likelihood L on each of 4 interleaved tile groups, for the uncertainty. */
  readonly parts: number[];
  /** False when too few windows looked homogeneous at the looks found: L is then a lower bound. */
  readonly flat: boolean;
}

const minWindows = 100;
/** A half counts as homogeneous when its log variance is below this fraction of trigamma(L). */
const strictness = 0.85;
const windowSize = 8;
/** Lag-1 correlation of the picked rows (about their means) above which the speckle is taken as correlated. */
const correlatedSpeckle = 0.15;

/**
 * Looks from homogeneous windows. A window is judged on the variance of log y over one half of its rows
 * (pure speckle gives trigamma(L)), and L is measured on neighbouring pixel pairs of the other half,
 * whose noise the judgement never saw: the choice is unbiased, and pairs see little of the texture
 * left. Both ways round, alternating with the estimate of L until it settles.
 *
 * Speckle correlated between neighbours (oversampled SLC, resampled GRD) makes two neighbours alike: a pair's
 * spread reads L / (1 - rho) for lag-1 correlation rho (too many looks, and a recorruption that leaves speckle).
 * When the picked rows show it, L is measured again on whole rows (8 pixels about their mean), where the
 * bias falls to about 2 sum_k (1 - k/8) rho_k / 7; on white speckle pairs are kept, as rows see more texture.
 */
export function homogeneousLooks(plane: Plane, mask?: Uint8Array): HomogeneousLooks {
  const pairs = measure(plane, speckleWindows(plane, windowSize, 2, mask));
  if (!(pairs.rho > correlatedSpeckle)) return pairs.result;
  return measure(plane, speckleWindows(plane, windowSize, windowSize, mask)).result;
}

function measure(plane: Plane, windows: SpeckleWindow[]): { result: HomogeneousLooks; rho: number } {
  const none = { ml: NaN, moments: NaN, log: NaN };
  if (windows.length < minWindows)
    return { result: { looks: none, windows: windows.length, runs: 0, parts: [], flat: false }, rho: NaN };
  const sorted = [0, 1].map((half) => sortedByHomogeneity(windows, half));
  let looks = estimateLooks(windows.flatMap((w) => [...w.runs[0], ...w.runs[1]]));
  let picked: SpeckleWindow[][] = [[], []];
  let flat = false;
  for (let iteration = 0; iteration < 20; iteration++) {
    const threshold = strictness * trigamma(looks.ml);
    const passing = sorted.map((s) => s.windows.slice(0, countBelow(s.keys, threshold)));
    flat = passing[0].length + passing[1].length >= 2 * minWindows;
    picked = passing.map((p, half) => (flat ? p : sorted[half].windows.slice(0, minWindows)));
    const next = estimateLooks(measuredRuns(picked));
    const converged = Math.abs(next.ml - looks.ml) <= 1e-4 * looks.ml;
    looks = next;
    if (converged) break;
  }
  const parts = [0, 1, 2, 3].map(
    (g) => estimateLooks(measuredRuns(picked.map((p) => p.filter((w) => tileGroup(w.top, w.left) === g)))).ml,
  );
  return {
    result: { looks, windows: windows.length, runs: measuredRuns(picked).length, parts, flat },
    rho: rowCorrelation(plane, picked),
  };
}

/**
 * Lag-1 correlation of the measured halves' rows about their own means, plus 1 / (n - 1), the value white speckle
 * gives about an n-pixel mean (-1 / (n - 1)), so that white speckle reads about 0.
 */
function rowCorrelation(plane: Plane, picked: SpeckleWindow[][]): number {
  const { data, width } = plane;
  let lagged = 0,
    squares = 0,
    rows = 0;
  picked.forEach((windows, judged) => {
    for (const w of windows) {
      for (let i = w.top + 1 - judged; i < w.top + windowSize; i += 2) {
        const start = i * width + w.left;
        let mean = 0;
        for (let j = 0; j < windowSize; j++) mean += data[start + j];
        mean /= windowSize;
        for (let j = 0; j < windowSize; j++) {
          const d = data[start + j] - mean;
          squares += d * d;
          if (j + 1 < windowSize) lagged += d * (data[start + j + 1] - mean);
        }
        rows++;
      }
    }
  });
  if (rows === 0 || !(squares > 0)) return NaN;
  return lagged / (windowSize - 1) / (squares / windowSize) + 1 / (windowSize - 1);
}

/** The pixel runs to measure: the other half of each window picked by one half. */
function measuredRuns(picked: SpeckleWindow[][]): PixelSums[] {
  return [...picked[0].flatMap((w) => w.runs[1]), ...picked[1].flatMap((w) => w.runs[0])];
}

/** Windows in ascending order of the log variance of one half, with those keys. */
function sortedByHomogeneity(windows: SpeckleWindow[], half: number): { windows: SpeckleWindow[]; keys: Float64Array } {
  const keys = Float64Array.from(windows, (w) => logVariance(w.halves[half]));
  const order = Int32Array.from(keys.keys()).sort((a, b) => keys[a] - keys[b]);
  return { windows: Array.from(order, (k) => windows[k]), keys: Float64Array.from(order, (k) => keys[k]) };
}

function countBelow(ascending: Float64Array, threshold: number): number {
  let n = 0;
  while (n < ascending.length && ascending[n] <= threshold) n++;
  return n;
}
