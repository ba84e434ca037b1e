/** Copies `count` runs of `run` floats inside one heap, from stride `fromStride` to stride `toStride`. */
export function copyRuns(
  heap: Float32Array,
  from: number,
  fromStride: number,
  to: number,
  toStride: number,
  run: number,
  count: number,
): void {
  for (let i = 0; i < count; i++, from += fromStride, to += toStride) heap.copyWithin(to, from, from + run);
}

/** A shape seen as [outer, size along axis, inner]. */
export function aroundAxis(shape: readonly number[], axis: number): { outer: number; inner: number } {
  const product = (dims: readonly number[]) => dims.reduce((a, b) => a * b, 1);
  return { outer: product(shape.slice(0, axis)), inner: product(shape.slice(axis + 1)) };
}
