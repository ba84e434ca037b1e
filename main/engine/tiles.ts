import type { ImageF32 } from './image';

export interface Tile {
  readonly top: number;
  readonly left: number;
  readonly height: number;
  readonly width: number;
}

/** Tile starts along one axis: stride tile - overlap, the last one flush with the end. */
export function tileStarts(size: number, tile: number, overlap: number): number[] {
  if (size <= tile) return [0];
  const stride = Math.max(1, tile - overlap);
  const starts: number[] = [];
  for (let s = 0; s + tile < size; s += stride) starts.push(s);
  starts.push(size - tile);
  return starts;
}

/**
 * The side of the tiles along one axis: as few tiles of at most `tile` as cover `size` with the overlap,
 * n = ceil((size - overlap) / (tile - overlap)), then made as small as covers it with n, on the network's size
 * multiple: ceil((size + (n - 1) overlap) / n). A 2048 side then takes 5 tiles of 436 (1.06 x its pixels), not
 * 5 of 512 with the last one mostly over the fourth (1.25 x).
 */
export function evenTile(size: number, tile: number, overlap: number, multiple = 1): number {
  if (size <= tile) return size;
  const n = Math.ceil((size - overlap) / Math.max(1, tile - overlap));
  return Math.min(tile, Math.ceil(Math.ceil((size + (n - 1) * overlap) / n) / multiple) * multiple);
}

/** Tiles covering the image, all of one size (at most `tile`, a multiple of `multiple`), evenly spread. */
export function tileGrid(
  image: Pick<ImageF32, 'height' | 'width'>,
  tile: number,
  overlap: number,
  multiple = 1,
): Tile[] {
  const height = evenTile(image.height, tile, overlap, multiple);
  const width = evenTile(image.width, tile, overlap, multiple);
  const rows = tileStarts(image.height, height, overlap);
  const cols = tileStarts(image.width, width, overlap);
  return rows.flatMap((top) => cols.map((left) => ({ top, left, height, width })));
}

/**
 * Blend weight along one axis of a tile: a linear ramp over the `overlap` pixels shared with a neighbour,
 * 1 elsewhere and at the image's own border, so overlapping tiles fade into each other without seams.
 */
export function axisWeights(start: number, length: number, size: number, overlap: number): Float32Array {
  const w = new Float32Array(length).fill(1);
  if (overlap <= 0) return w;
  for (let i = 0; i < length; i++) {
    const before = start > 0 ? (i + 1) / (overlap + 1) : 1;
    const after = start + length < size ? (length - i) / (overlap + 1) : 1;
    w[i] = Math.min(1, before, after);
  }
  return w;
}

/**
 * Copies a region out of an image, mirrored past the border to reach paddedHeight x paddedWidth; into `out` when
 * given (one buffer for every tile of an image).
 */
export function extractPadded(
  image: ImageF32,
  tile: Tile,
  paddedHeight: number,
  paddedWidth: number,
  out?: Float32Array,
): Float32Array {
  const { width, channels: c, data } = image;
  out ??= new Float32Array(paddedHeight * paddedWidth * c);
  for (let i = 0; i < paddedHeight; i++) {
    const si = tile.top + mirror(i, tile.height);
    for (let j = 0; j < paddedWidth; j++) {
      const src = (si * width + tile.left + mirror(j, tile.width)) * c;
      const dst = (i * paddedWidth + j) * c;
      for (let k = 0; k < c; k++) out[dst + k] = data[src + k]!;
    }
  }
  return out;
}

function mirror(i: number, n: number): number {
  if (n === 1) return 0;
  const period = 2 * (n - 1);
  const m = i % period;
  return m < n ? m : period - m;
}

export function roundUp(value: number, multiple: number): number {
  return Math.ceil(value / multiple) * multiple;
}
