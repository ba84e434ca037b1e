// The classical speckle filter the SAR bench compares with (bench/sar-metrics.ts).
import type { ImageF32 } from '../main/engine/image';

/** 7x7 Lee filter with L looks: m + w (y - m), w = max(0, 1 - (1/L) / (var / m^2)). */
export function lee(image: ImageF32, looks: number, r = 3): ImageF32 {
  const { data, width, height } = image;
  const out = new Float32Array(data.length);
  for (let i = 0; i < height; i++) {
    for (let j = 0; j < width; j++) {
      let s = 0,
        ss = 0,
        n = 0;
      for (let a = Math.max(0, i - r); a <= Math.min(height - 1, i + r); a++) {
        for (let b = Math.max(0, j - r); b <= Math.min(width - 1, j + r); b++) {
          const v = data[a * width + b]!;
          s += v;
          ss += v * v;
          n++;
        }
      }
      const m = s / n,
        variance = ss / n - m * m;
      const w = variance > 0 && m > 0 ? Math.max(0, 1 - 1 / looks / (variance / (m * m))) : 0;
      out[i * width + j] = m + w * (data[i * width + j]! - m);
    }
  }
  return { ...image, data: out };
}
