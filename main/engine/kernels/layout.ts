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
  const { heap } = src;
  const plane = s.n * f.hp * f.wp;
  heap.fill(0, dst.at, dst.at + s.c * plane);
  const x0 = Math.max(0, -f.left);
  const x1 = Math.min(s.w, f.wp - f.left);
  for (let n = 0; n < s.n; n++) {
    for (let y = Math.max(0, -f.top); y < Math.min(s.h, f.hp - f.top); y++) {
      const row = src.at + (n * s.h + y) * s.w * s.c;
      const out = dst.at + (n * f.hp + f.top + y) * f.wp + f.left;
      for (let c = 0; c < s.c; c++) {
        const o = out + c * plane;
        for (let x = x0, i = row + x0 * s.c + c; x < x1; x++, i += s.c) heap[o + x] = heap[i];
      }
    }
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
