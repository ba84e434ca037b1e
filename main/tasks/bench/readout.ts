/**
 * How a model's output is read in image units. Plain families: as is. A variance-stabilised family
 * (Poisson-Gaussian) maps its output back, and weights the squared errors estimated in its domain per pixel
 * (delta method: (dx/dz)^2) so that they estimate errors in image units.
 */
export interface Readout {
  toImage(output: Float32Array): Float32Array;
  errorWeights?(output: Float32Array): Float32Array;
}

export const plainReadout: Readout = { toImage: (output) => output };
