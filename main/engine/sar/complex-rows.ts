/** Rows of complex samples (SAR SLC), row-major, real and imaginary parts apart. */
export interface ComplexRows {
  readonly re: Float32Array;
  readonly im: Float32Array;
  readonly rows: number;
  readonly width: number;
}

/** Intensity |z|^2 = re^2 + im^2. */
export function intensityOf(z: ComplexRows): Float32Array {
  const out = new Float32Array(z.re.length);
  for (let k = 0; k < out.length; k++) out[k] = z.re[k]! ** 2 + z.im[k]! ** 2;
  return out;
}
