/** Orthonormal DCT-II basis of length n, row u holding frequency u: basis[u * n + k]. */
export function dctBasis(n: number): Float64Array {
  const basis = new Float64Array(n * n);
  for (let u = 0; u < n; u++) {
    const scale = Math.sqrt((u === 0 ? 1 : 2) / n);
    for (let k = 0; k < n; k++) basis[u * n + k] = scale * Math.cos((Math.PI * (2 * k + 1) * u) / (2 * n));
  }
  return basis;
}

/**
 * 2-D DCT of the n x n block of `data` (row length `width`) at (top, left) into out[u * n + v]
 * (u vertical frequency, v horizontal). Orthonormal: white noise of variance s^2 gives every
 * coefficient variance s^2, independently for Gaussian noise.
 */
export function blockDct(
  data: Float64Array,
  width: number,
  top: number,
  left: number,
  basis: Float64Array,
  n: number,
  out: Float64Array,
  scratch: Float64Array,
): void {
  for (let i = 0; i < n; i++) {
    const row = (top + i) * width + left;
    for (let v = 0; v < n; v++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += basis[v * n + k] * data[row + k];
      scratch[i * n + v] = s;
    }
  }
  for (let u = 0; u < n; u++) {
    for (let v = 0; v < n; v++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += basis[u * n + k] * scratch[k * n + v];
      out[u * n + v] = s;
    }
  }
}
