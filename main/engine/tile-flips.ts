/**
 * The four flips of a tile that keep its shape (none, rows, columns, both: the rotation by 180 degrees). Each flip is
 * its own inverse. The network was trained on patches under all eight symmetries of the square, so f is as good on a
 * flipped tile as on the tile; averaging f over flips (flip back after) removes the part of its error that is not
 * symmetric, for free when the Monte Carlo passes are spread over flips (denoise.ts).
 */
export const FLIP_COUNT = 4;

/** dst = src flipped by `flip` (bit 1: rows, bit 2: columns), both [height, width, channels]. */
export function flipTile(
  src: Float32Array,
  dst: Float32Array,
  height: number,
  width: number,
  channels: number,
  flip: number,
): void {
  const rows = (flip & 1) !== 0;
  const cols = (flip & 2) !== 0;
  for (let i = 0; i < height; i++) {
    const si = rows ? height - 1 - i : i;
    for (let j = 0; j < width; j++) {
      const sj = cols ? width - 1 - j : j;
      const from = (si * width + sj) * channels;
      const to = (i * width + j) * channels;
      for (let k = 0; k < channels; k++) dst[to + k] = src[from + k]!;
    }
  }
}

/**
 * The flip of Monte Carlo pass j: both passes of an antithetic pair share one flip (their first-order terms cancel
 * only through the same f), pairs cycle through the four flips.
 */
export function flipOfPass(pass: number): number {
  return Math.floor(pass / 2) % FLIP_COUNT;
}
