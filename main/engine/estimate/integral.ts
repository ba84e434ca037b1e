/** Summed-area table: box sums over any rectangle in O(1). */
export interface Integral {
  readonly sums: Float64Array;
  readonly height: number;
  readonly width: number;
}

/** The table of values (height x width, row-major); entry (i, j) sums rows < i, columns < j. */
export function integral(values: ArrayLike<number>, height: number, width: number): Integral {
  const w = width + 1;
  const sums = new Float64Array((height + 1) * w);
  for (let i = 0; i < height; i++) {
    let row = 0;
    for (let j = 0; j < width; j++) {
      row += values[i * width + j];
      sums[(i + 1) * w + j + 1] = sums[i * w + j + 1] + row;
    }
  }
  return { sums, height, width };
}

/** Sum over rows [top, top + rows), columns [left, left + cols). */
export function boxSum(t: Integral, top: number, left: number, rows: number, cols: number): number {
  const w = t.width + 1;
  const a = top * w + left;
  const b = (top + rows) * w + left;
  return t.sums[b + cols] - t.sums[b] - t.sums[a + cols] + t.sums[a];
}
