import { makeImage, type ImageF32 } from '../../main/engine/image';

/**
 * A smooth RGB scene (shading and two soft discs) with the flat areas a real photo has, which the noise estimators
 * need and the 192-pixel fixture crops lack; values in [0.15, 1].
 */
export function smoothScene(height = 768, width = 1024): ImageF32 {
  const data = new Float32Array(height * width * 3);
  const [ci, cj, r2] = [0.4 * height, 0.4 * width, (0.18 * width) ** 2];
  const [di, dj, s2] = [0.8 * height, 0.8 * width, (0.09 * width) ** 2];
  for (let i = 0; i < height; i++) {
    for (let j = 0; j < width; j++) {
      const disc =
        Math.exp(-((i - ci) ** 2 + (j - cj) ** 2) / r2) + 0.5 * Math.exp(-((i - di) ** 2 + (j - dj) ** 2) / s2);
      for (let c = 0; c < 3; c++)
        data[(i * width + j) * 3 + c] = Math.min(1, 0.15 + 0.3 * (j / width) + 0.1 * c + 0.4 * disc);
    }
  }
  return makeImage(height, width, 3, data);
}
