/**
 * Eigenvalues of a symmetric n x n matrix (row-major), ascending, by cyclic Jacobi rotations.
 * Fine for patch covariances (n <= 64); the input is not modified.
 */
export function symmetricEigenvalues(matrix: Float64Array, n: number): Float64Array {
  const a = Float64Array.from(matrix);
  for (let sweep = 0; sweep < 60; sweep++) {
    if (offDiagonalNorm(a, n) <= 1e-22 * diagonalNorm(a, n)) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) rotate(a, n, p, q);
    }
  }
  return Float64Array.from({ length: n }, (_, i) => a[i * n + i]).sort();
}

/** One Jacobi rotation that zeroes a[p][q] (Golub & Van Loan, Algorithm 8.4.2). */
function rotate(a: Float64Array, n: number, p: number, q: number): void {
  const apq = a[p * n + q];
  if (apq === 0) return;
  const theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
  const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
  const c = 1 / Math.sqrt(t * t + 1);
  const s = t * c;
  for (let k = 0; k < n; k++) {
    const akp = a[k * n + p];
    const akq = a[k * n + q];
    a[k * n + p] = c * akp - s * akq;
    a[k * n + q] = s * akp + c * akq;
  }
  for (let k = 0; k < n; k++) {
    const apk = a[p * n + k];
    const aqk = a[q * n + k];
    a[p * n + k] = c * apk - s * aqk;
    a[q * n + k] = s * apk + c * aqk;
  }
}

function offDiagonalNorm(a: Float64Array, n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) sum += a[i * n + j] ** 2;
  return sum;
}

function diagonalNorm(a: Float64Array, n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += a[i * n + i] ** 2;
  return sum;
}
