/**
 * Noise variance from the ascending eigenvalues of a patch covariance. Noise alone spreads them over
 * a Marchenko-Pastur law whose mean is the noise variance tau and whose edges are tau (1 -+ sqrt(g))^2;
 * g is read off the smallest eigenvalue. Drop the largest eigenvalue (texture) while it lies beyond
 * 1.5 times that spread, then return the mean of those left. Unlike Chen, Zhu & Heng (2015)'s
 * mean = median rule, this keeps every noise eigenvalue, so it is unbiased on few patches too.
 */
export function noiseVarianceFromEigenvalues(ascending: Float64Array): number {
  let sum = 0;
  for (const value of ascending) sum += value;
  for (let count = ascending.length; count > 1; count--) {
    const tau = sum / count;
    const spread = 1 - Math.sqrt(Math.max(ascending[0], 0) / tau);
    if (ascending[count - 1] <= tau * (1 + 1.5 * spread) ** 2) return Math.max(tau, 0);
    sum -= ascending[count - 1];
  }
  return Math.max(ascending[0], 0);
}
