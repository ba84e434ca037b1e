/** Amplitude to intensity, in place: I = A^2, the quantity the Gamma (speckle) model describes (docs/method.md §1). */
export function squareValues(data: Float32Array): void {
  for (let i = 0; i < data.length; i++) data[i] = data[i]! * data[i]!;
}

/**
 * Intensity back to amplitude, in place: A = sqrt(I). An intensity below zero (a network's undershoot) has no
 * amplitude and becomes 0; returns how many did.
 */
export function toAmplitude(data: Float32Array): number {
  let negative = 0;
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (v < 0) negative++;
    data[i] = v > 0 ? Math.sqrt(v) : 0;
  }
  return negative;
}

/** Intensity to decibels, in place: 10 log10(I); an intensity of zero or below becomes -Infinity (counted). */
export function toDecibels(data: Float32Array): number {
  let nonPositive = 0;
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (!(v > 0)) nonPositive++;
    data[i] = v > 0 ? 10 * Math.log10(v) : -Infinity;
  }
  return nonPositive;
}
