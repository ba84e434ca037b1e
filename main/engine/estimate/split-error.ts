/**
 * Relative standard error of an estimate from the spread of the same estimate on disjoint parts of the
 * data (interleaved tiles): sd(parts) / sqrt(parts) / whole. It counts texture that varies across the
 * image as well as noise. 0 when fewer than two parts could be estimated.
 */
export function splitRelativeError(parts: readonly number[], whole: number): number {
  const finite = parts.filter((v) => Number.isFinite(v));
  const k = finite.length;
  if (k < 2 || !(whole > 0)) return 0;
  const mean = finite.reduce((s, v) => s + v, 0) / k;
  const variance = finite.reduce((s, v) => s + (v - mean) ** 2, 0) / (k - 1);
  return Math.sqrt(variance / k) / whole;
}

/** Which of 4 interleaved groups of 32 x 32 tiles the pixel (row, col) belongs to. */
export function tileGroup(row: number, col: number): number {
  return ((row >> 5) & 1) * 2 + ((col >> 5) & 1);
}

/** The indices split by tile group of their (row, col). */
export function splitByTile(
  indices: ArrayLike<number>,
  rows: ArrayLike<number>,
  cols: ArrayLike<number>,
): Int32Array[] {
  const groups: number[][] = [[], [], [], []];
  for (let k = 0; k < indices.length; k++) groups[tileGroup(rows[indices[k]], cols[indices[k]])].push(indices[k]);
  return groups.map((g) => Int32Array.from(g));
}
