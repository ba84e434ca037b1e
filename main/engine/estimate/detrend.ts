/**
 * Constants for the lag-1 autocorrelation of rows of n values after each row's straight-line fit is
 * removed. With M = I - H (H the hat matrix of the fit) and A the lag-1 adjacency, noise of covariance
 * I + rho A gives E[sum r^2] = tr M + rho tr(MA) and E[sum r_k r_(k+1)] = (tr(AM) + rho tr(AMAM)) / 2.
 */
export interface DetrendConstants {
  readonly traceM: number;
  readonly traceMA: number;
  readonly traceAMAM: number;
}

export function detrendConstants(n: number): DetrendConstants {
  const m = residualMaker(n);
  const a = (i: number, j: number) => (Math.abs(i - j) === 1 ? 1 : 0);
  let traceM = 0,
    traceMA = 0,
    traceAMAM = 0;
  const am = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    traceM += m[i * n + i];
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += a(i, k) * m[k * n + j];
      am[i * n + j] = s;
    }
  }
  for (let i = 0; i < n; i++) {
    traceMA += am[i * n + i];
    for (let j = 0; j < n; j++) traceAMAM += am[i * n + j] * am[j * n + i];
  }
  return { traceM, traceMA, traceAMAM };
}

/** M = I - X (X^T X)^-1 X^T for X = [1, k], k = 0..n-1. */
function residualMaker(n: number): Float64Array {
  const mk = (n - 1) / 2;
  let skk = 0;
  for (let k = 0; k < n; k++) skk += (k - mk) ** 2;
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) m[i * n + j] = (i === j ? 1 : 0) - 1 / n - ((i - mk) * (j - mk)) / skk;
  }
  return m;
}

/**
 * rho from the observed ratio R = sum r_k r_(k+1) / sum r^2 by inverting the expectations above,
 * R(rho) = (tr(AM) + rho tr(AMAM)) / (2 (tr M + rho tr(MA))). The inverse has a pole just past R(1): noise
 * correlated beyond lag 1 (JPEG, demosaicking) can read past it and came out as -2.5. R is clamped to
 * [R(-1), R(1)], so rho stays in [-1, 1] and strongly correlated noise reads 1.
 */
export function lagOneFromRatio(ratio: number, c: DetrendConstants): number {
  const expected = (rho: number) => (c.traceMA + rho * c.traceAMAM) / (2 * (c.traceM + rho * c.traceMA));
  const [lo, hi] = [expected(-1), expected(1)].sort((a, b) => a - b) as [number, number];
  const r = Math.min(hi, Math.max(lo, ratio));
  const rho = (c.traceMA / 2 - r * c.traceM) / (r * c.traceMA - c.traceAMAM / 2);
  return Math.min(1, Math.max(-1, rho));
}
