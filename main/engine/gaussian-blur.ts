import { makeImage, type ImageF32 } from './image';

/**
 * Separable Gaussian blur of every channel, edges clamped, in float. By hand: sharp's blur on 8-bit data casts back
 * by truncation (a bias of -0.5/255, worth tenths of a dB at camera noise levels), and its float raw input came back
 * as zeros here; and the engine stays free of sharp.
 */
export function gaussianBlur(image: ImageF32, sigma: number): ImageF32 {
  if (sigma <= 0) return makeImage(image.height, image.width, image.channels, image.data.slice());
  const r = Math.ceil(3 * sigma);
  const taps = Array.from({ length: 2 * r + 1 }, (_, i) => Math.exp(-((i - r) ** 2) / (2 * sigma * sigma)));
  const sum = taps.reduce((s, v) => s + v, 0);
  const k = taps.map((v) => v / sum);
  const { height: h, width: w, channels: c } = image;
  const pass = (from: Float32Array, along: 'rows' | 'columns') => {
    const out = new Float32Array(from.length);
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++)
        for (let ch = 0; ch < c; ch++) {
          let v = 0;
          for (let i = -r; i <= r; i++) {
            const yy = along === 'columns' ? Math.min(h - 1, Math.max(0, y + i)) : y;
            const xx = along === 'rows' ? Math.min(w - 1, Math.max(0, x + i)) : x;
            v += k[i + r]! * from[(yy * w + xx) * c + ch]!;
          }
          out[(y * w + x) * c + ch] = v;
        }
    return out;
  };
  return makeImage(h, w, c, pass(pass(image.data, 'rows'), 'columns'));
}
