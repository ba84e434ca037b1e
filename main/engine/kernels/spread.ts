import type { HeapRef } from './exec';
import type { Nhwc } from './layout';

/**
 * Zero insertion: dst[n][y*sh][x*sw][c] = src[n][y][x][c], zero between, dst of size
 * (h-1)*sh+1 x (w-1)*sw+1.
 */
export function insertZeros(src: HeapRef, s: Nhwc, sh: number, sw: number, dst: HeapRef): void {
  const { heap } = src;
  const dh = (s.h - 1) * sh + 1;
  const dw = (s.w - 1) * sw + 1;
  heap.fill(0, dst.at, dst.at + s.n * dh * dw * s.c);
  let i = src.at;
  for (let n = 0; n < s.n; n++) {
    for (let y = 0; y < s.h; y++) {
      const row = dst.at + (n * dh + y * sh) * dw * s.c;
      for (let x = 0; x < s.w; x++, i += s.c) heap.copyWithin(row + x * sw * s.c, i, i + s.c);
    }
  }
}

/**
 * Patches to pixels, the inverse of space-to-depth with a kh x kw block:
 * dst[n][y*kh + a][x*kw + b][c] = src[n][y][x][(a*kw + b)*c + c]; `s` is the patch grid, s.c the pixel channels.
 */
export function patchesToPixels(src: HeapRef, s: Nhwc, kh: number, kw: number, dst: HeapRef): void {
  const { heap } = src;
  const run = kw * s.c;
  const outW = s.w * kw;
  let i = src.at;
  for (let n = 0; n < s.n; n++) {
    for (let y = 0; y < s.h; y++) {
      for (let x = 0; x < s.w; x++) {
        for (let a = 0; a < kh; a++, i += run) {
          const o = dst.at + ((n * s.h * kh + y * kh + a) * outW + x * kw) * s.c;
          heap.copyWithin(o, i, i + run);
        }
      }
    }
  }
}
