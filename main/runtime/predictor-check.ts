import type { Predictor } from '../engine/predictor';

/** Side of the probe image: a multiple of 2^5, so any U-Net of up to 6 levels takes it. */
const SIDE = 32;

/**
 * Largest |difference| between two predictors on one fixed 32 x 32 image: run once when onnxruntime is chosen,
 * so that an export that went wrong falls back to tfjs instead of writing wrong images.
 */
export async function disagreement(a: Predictor, b: Predictor, channels: number): Promise<number> {
  const input = new Float32Array(SIDE * SIDE * channels);
  for (let i = 0; i < input.length; i++) input[i] = ((Math.sin(i * 12.9898) * 43758.5453) % 1) * 0.5 + 0.5;
  const shape = [1, SIDE, SIDE, channels] as const;
  const [x, y] = [await a(input, shape), await b(input, shape)];
  let worst = x.length === y.length ? 0 : Infinity;
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = Math.abs(x[i]! - y[i]!);
    worst = Number.isNaN(d) ? Infinity : Math.max(worst, d);
  }
  return worst;
}
