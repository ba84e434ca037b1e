import type { HeapRef } from './exec';

/** Sizes of an NHWC tensor. */
export interface Nhwc {
  readonly n: number;
  readonly h: number;
  readonly w: number;
  readonly c: number;
}

/** Zero-padded channels-first frame: rows `hp`, columns `wp`, the source placed at (`top`, `left`). */
export interface Frame {
  readonly hp: number;
  readonly wp: number;
  readonly top: number;
  readonly left: number;
}

/**
 * dst[c][n][top + y][left + x] = src[n][y][x][c], zero elsewhere; source rows or columns falling outside
 * the frame are dropped. One pass per source row keeps its W*C floats in L1 while C planes are written.
 */
export function toChannelsFirst(src: HeapRef, s: Nhwc, dst: HeapRef, f: Frame): void {
  const plane = s.n * f.hp * f.wp;
  src.heap.fill(0, dst.at, dst.at + s.c * plane);
  const x0 = Math.max(0, -f.left);
  const cols = Math.min(s.w, f.wp - f.left) - x0;
  for (let n = 0; n < s.n; n++) {
    for (let y = Math.max(0, -f.top); y < Math.min(s.h, f.hp - f.top); y++) {
      const row = src.at + ((n * s.h + y) * s.w + x0) * s.c;
      rowToPlanes(src.heap, row, s.c, cols, dst.at + (n * f.hp + f.top + y) * f.wp + f.left + x0, plane);
    }
  }
}

/** out[c*plane + x] = heap[row + x*c + c] for x < cols, four channels per pass. */
function rowToPlanes(
  heap: Float32Array,
  row: number,
  channels: number,
  cols: number,
  out: number,
  plane: number,
): void {
  let c = 0;
  for (; c + 4 <= channels; c += 4) {
    const o = out + c * plane;
    for (let x = 0, i = row + c; x < cols; x++, i += channels) {
      heap[o + x] = heap[i]!;
      heap[o + plane + x] = heap[i + 1]!;
      heap[o + 2 * plane + x] = heap[i + 2]!;
      heap[o + 3 * plane + x] = heap[i + 3]!;
    }
  }
  for (; c < channels; c++) {
    for (let x = 0, i = row + c, o = out + c * plane; x < cols; x++, i += channels) heap[o + x] = heap[i]!;
  }
}

/** Which filter tap of a strided window to read: offset (a, b), strides, and the output grid. */
export interface Tap {
  readonly a: number;
  readonly b: number;
  readonly sh: number;
  readonly sw: number;
  readonly oh: number;
  readonly ow: number;
}

/**
 * im2col for one filter tap, transposed: dst[r][n][y][x] = src[r][n][y*sh + a][x*sw + b] for each of
 * `rows` channel planes of a frame (rows * n planes of hp x wp).
 */
export function gatherTap(src: HeapRef, planes: number, f: Frame, dst: HeapRef, t: Tap): void {
  const { heap } = src;
  let o = dst.at;
  for (let p = 0; p < planes; p++) {
    const base = src.at + p * f.hp * f.wp + t.b;
    for (let y = 0; y < t.oh; y++, o += t.ow) {
      const i = base + (y * t.sh + t.a) * f.wp;
      if (t.sw === 1) heap.copyWithin(o, i, i + t.ow);
      else for (let x = 0; x < t.ow; x++) heap[o + x] = heap[i + x * t.sw];
    }
  }
}
