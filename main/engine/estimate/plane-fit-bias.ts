/**
 * What removing each block's least-squares plane does to a measured noise covariance, and its inverse.
 * For noise of covariance Sigma(p, q) = rho(q - p) in an s x s block, the residual after the plane is (I - P) n with
 * P = Q Q^T (Q: the orthonormal basis 1, i, j), so E[residual covariance] = (I - P) Sigma (I - P), and the average
 * product at lag d over the block is linear in rho: E rho_hat(d) = sum_d' T(d, d') rho(d'). Solving T rho = rho_hat
 * undoes the bias (the plane takes the noise's lowest frequencies, about 3 sum_d rho(d) / s^2 of its variance).
 * Lags beyond the radius are taken as 0.
 */
export function planeFitBias(size: number, radius: number): Float64Array {
  const side = 2 * radius + 1;
  const lags = side * side;
  const q = planeBasis(size);
  const inside = (i: number, j: number) => i >= 0 && i < size && j >= 0 && j < size;
  const t = new Float64Array(lags * lags);
  for (let b = 0; b < lags; b++) {
    const by = Math.floor(b / side) - radius;
    const bx = (b % side) - radius;
    // G = Q^T S Q, S the shift by (by, bx): sum over r with r + d' inside of Q_r Q_(r + d')^T.
    const g = new Float64Array(9);
    for (let i = 0; i < size; i++) {
      for (let j = 0; j < size; j++) {
        if (!inside(i + by, j + bx)) continue;
        const r = i * size + j;
        const s = (i + by) * size + j + bx;
        for (let k = 0; k < 3; k++) for (let l = 0; l < 3; l++) g[k * 3 + l]! += q[r * 3 + k]! * q[s * 3 + l]!;
      }
    }
    const dot = (p: number, r: number) =>
      q[p * 3]! * q[r * 3]! + q[p * 3 + 1]! * q[r * 3 + 1]! + q[p * 3 + 2]! * q[r * 3 + 2]!;
    for (let a = 0; a < lags; a++) {
      const ay = Math.floor(a / side) - radius;
      const ax = (a % side) - radius;
      let sum = 0;
      let count = 0;
      for (let i = Math.max(0, -ay); i < Math.min(size, size - ay); i++) {
        for (let j = Math.max(0, -ax); j < Math.min(size, size - ax); j++) {
          const p = i * size + j;
          const pi = i + ay;
          const pj = j + ax;
          const pd = pi * size + pj;
          // M(p, p + d) = S - P S - S P + P S P, each term at (p, p + d).
          let m = ay === by && ax === bx ? 1 : 0;
          if (inside(pi - by, pj - bx)) m -= dot(p, (pi - by) * size + pj - bx);
          if (inside(i + by, j + bx)) m -= dot((i + by) * size + j + bx, pd);
          let psp = 0;
          for (let k = 0; k < 3; k++) for (let l = 0; l < 3; l++) psp += q[p * 3 + k]! * g[k * 3 + l]! * q[pd * 3 + l]!;
          sum += m + psp;
          count++;
        }
      }
      t[a * lags + b] = sum / count;
    }
  }
  return t;
}

/** The orthonormal basis of planes over an s x s block: 1, i, j centred and scaled, as [pixel][3]. */
function planeBasis(size: number): Float64Array {
  const n = size * size;
  const mid = (size - 1) / 2;
  const norm = Math.sqrt((size * size * (size * size - 1)) / 12);
  const q = new Float64Array(n * 3);
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) {
      const p = i * size + j;
      q[p * 3] = 1 / Math.sqrt(n);
      q[p * 3 + 1] = (i - mid) / norm;
      q[p * 3 + 2] = (j - mid) / norm;
    }
  }
  return q;
}

/** Solves A x = b for a dense n x n A (row-major) by Gaussian elimination with partial pivoting. */
export function solveLinear(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const m = Float64Array.from(a);
  const x = Float64Array.from(b);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r * n + col]!) > Math.abs(m[pivot * n + col]!)) pivot = r;
    if (pivot !== col) {
      for (let k = 0; k < n; k++) [m[col * n + k], m[pivot * n + k]] = [m[pivot * n + k]!, m[col * n + k]!];
      [x[col], x[pivot]] = [x[pivot]!, x[col]!];
    }
    const d = m[col * n + col]!;
    for (let r = col + 1; r < n; r++) {
      const f = m[r * n + col]! / d;
      if (f === 0) continue;
      for (let k = col; k < n; k++) m[r * n + k]! -= f * m[col * n + k]!;
      x[r]! -= f * x[col]!;
    }
  }
  for (let r = n - 1; r >= 0; r--) {
    let s = x[r]!;
    for (let k = r + 1; k < n; k++) s -= m[r * n + k]! * x[k]!;
    x[r] = s / m[r * n + r]!;
  }
  return x;
}
