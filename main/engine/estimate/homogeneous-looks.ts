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

/**
 * Looks from homogeneous windows. A window is judged on the variance of log y over one half of its rows
 * (pure speckle gives trigamma(L)), and L is measured on neighbouring pixel pairs of the other half,
 * whose noise the judgement never saw: the choice is unbiased, and pairs see little of the texture
 * left. Both ways round, alternating with the estimate of L until it settles.
 */
export function homogeneousLooks(plane: Plane, mask?: Uint8Array): HomogeneousLooks {
  const windows = speckleWindows(plane, 8, 2, mask);
  const none = { ml: NaN, moments: NaN, log: NaN };
  if (windows.length < minWindows) return { looks: none, windows: windows.length, runs: 0, parts: [], flat: false };
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
  return { looks, windows: windows.length, runs: measuredRuns(picked).length, parts, flat };
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
