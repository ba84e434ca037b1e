import type { Recorrupted } from './noise';

/**
 * (y2 - y)^2 for one value, y = (1 - alpha) y1 + alpha y2: the part of the target's noise that the recorruption
 * drew, known exactly. In GR2R Var(y2 | x) = Var(y | x) / alpha, so C = alpha C + E (y2 - y)^2 (E[y2 | y] = y).
 */
export const drawnNoise = (y1: number, y2: number, alpha: number): number => ((1 - alpha) * (y2 - y1)) ** 2;

/**
 * The GR2R loss's constant for this draw: mean (y2 - y)^2 + alpha C-hat(y). Unbiased for C like C-hat, but only the
 * noise already in y is estimated; the drawn part is counted as drawn, so the held-out loss minus it estimates the
 * supervised error with far less scatter (docs/quality.md, "The estimated PSNR on small test sets").
 */
export function realisedConstant({ y1, y2 }: Recorrupted, alpha: number, constantFromNoisy: number): number {
  let drawn = 0;
  for (let i = 0; i < y1.length; i++) drawn += drawnNoise(y1[i]!, y2[i]!, alpha);
  return (y1.length ? drawn / y1.length : 0) + alpha * constantFromNoisy;
}
