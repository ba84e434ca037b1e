import type { HeapRef } from './exec';

/** Filter sizes, HWIO: kh x kw x inC x outC. */
export interface FilterShape {
  readonly kh: number;
  readonly kw: number;
  readonly inC: number;
  readonly outC: number;
}

/** The filter of the transposed convolution: dst[i][j][o][c] = src[kh-1-i][kw-1-j][c][o]. */
export function flipFilter(src: HeapRef, f: FilterShape, dst: HeapRef): void {
  const { heap } = src;
  let o = dst.at;
  for (let i = 0; i < f.kh; i++) {
    for (let j = 0; j < f.kw; j++) {
      const tap = src.at + ((f.kh - 1 - i) * f.kw + (f.kw - 1 - j)) * f.inC * f.outC;
      for (let oc = 0; oc < f.outC; oc++) {
        for (let c = 0, s = tap + oc; c < f.inC; c++, s += f.outC) heap[o++] = heap[s];
      }
    }
  }
}

/** Filter as a matrix from output channel to patch: dst[o][(i*kw + j)*inC + c] = src[i][j][c][o]. */
export function filterToPatchRows(src: HeapRef, f: FilterShape, dst: HeapRef): void {
  const { heap } = src;
  const patch = f.kh * f.kw * f.inC;
  for (let p = 0; p < patch; p++) {
    for (let oc = 0, s = src.at + p * f.outC; oc < f.outC; oc++) heap[dst.at + oc * patch + p] = heap[s + oc];
  }
}
