import type { ImageF32 } from './image';

/**
 * Blends a result with its input, in place in `denoised`: d = o + a (d - o), with a = amount / 100.
 * At 100 the result is left untouched (bit for bit), at 0 it becomes the input. Non-finite inputs (no data) keep
 * the denoised value, which the caller has already restored where it must.
 */
export function blendAmount(original: ImageF32, denoised: ImageF32, amount: number): ImageF32 {
  if (amount >= 100) return denoised;
  if (original.data.length !== denoised.data.length) {
    throw new Error(`cannot blend images of ${original.data.length} and ${denoised.data.length} values`);
  }
  const a = Math.max(0, amount) / 100;
  const o = original.data;
  const d = denoised.data;
  for (let i = 0; i < d.length; i++) {
    const v = o[i]!;
    if (Number.isFinite(v)) d[i] = v + a * (d[i]! - v);
  }
  return denoised;
}
