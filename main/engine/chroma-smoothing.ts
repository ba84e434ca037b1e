import { gaussianBlur } from './gaussian-blur';
import { makeImage, type ImageF32 } from './image';

/** How a photo's chroma is smoothed after the network (denoiseDefaults.chroma). */
export interface ChromaSmoothing {
  /** Gaussian of this sigma (pixels) first: the pixel-scale colour noise; 0 turns all smoothing off. */
  readonly sigma: number;
  /** Then an edge-keeping average over this spatial sigma (pixels), for the blotches up to the JPEG's 16-pixel blocks... */
  readonly spatial: number;
  /** ...over neighbours whose luma is within about this (image units)... */
  readonly lumaRange: number;
  /** ...and whose colour (Cb, Cr after the Gaussian) is within about this: colour edges stay where they are. */
  readonly chromaRange: number;
}

/**
 * An RGB image with its chroma smoothed and its luma kept. In BT.601 YCbCr without offsets (a linear map, so any
 * units do): Y = 0.299 R + 0.587 G + 0.114 B, Cb ~ B - Y, Cr ~ R - Y. Why: the GR2R network removes a photo's luma
 * noise but leaves its colour noise, which cameras leave in blotches at the scale of their half-resolution chroma,
 * where no recorruption measured from the image draws it (docs/quality.md). Two passes, as raw converters' colour
 * noise reduction: a Gaussian of `sigma` for the fine colour noise, then a cross-bilateral average
 *   c'(p) = sum_q w(p, q) c(q) / sum_q w(p, q),
 *   w = exp(-|p - q|^2 / 2 s^2 - (Y(q) - Y(p))^2 / 2 l^2 - |c(q) - c(p)|^2 / 2 k^2),
 * for the blotches: a plain wider blur would smear colour across edges, of luma or of colour alone (a red and a green
 * of the same luma).
 */
export function smoothChroma(image: ImageF32, smoothing: ChromaSmoothing): ImageF32 {
  if (image.channels !== 3 || smoothing.sigma <= 0) return image;
  const n = image.height * image.width;
  const d = image.data;
  const luma = new Float32Array(n);
  const chroma = new Float32Array(2 * n);
  for (let p = 0; p < n; p++) {
    const [r, g, b] = [d[3 * p]!, d[3 * p + 1]!, d[3 * p + 2]!];
    const y = 0.299 * r + 0.587 * g + 0.114 * b;
    luma[p] = y;
    chroma[2 * p] = b - y;
    chroma[2 * p + 1] = r - y;
  }
  const blurred = gaussianBlur(makeImage(image.height, image.width, 2, chroma), smoothing.sigma).data;
  const smooth = smoothing.spatial > 0 ? crossBilateral(blurred, luma, image.width, smoothing) : blurred;
  const out = new Float32Array(3 * n);
  for (let p = 0; p < n; p++) {
    const [db, dr] = [smooth[2 * p]!, smooth[2 * p + 1]!];
    const y = luma[p]!;
    // R = Y + (R - Y), B = Y + (B - Y), G from Y = 0.299 R + 0.587 G + 0.114 B.
    out[3 * p] = y + dr;
    out[3 * p + 2] = y + db;
    out[3 * p + 1] = y - (0.299 * dr + 0.114 * db) / 0.587;
  }
  return makeImage(image.height, image.width, 3, out);
}

/** exp(-a) for a in [0, 12) in steps of 1/64 (1.6% apart at most): the weights need no more, and Math.exp per tap
 * was most of the pass's time. Beyond 12 (e^-12 = 6e-6) a neighbour does not count. */
const EXP_TABLE_END = 12;
const EXP_TABLE_STEPS = 64;
const expTable = Float32Array.from({ length: EXP_TABLE_END * EXP_TABLE_STEPS }, (_, i) =>
  Math.exp(-i / EXP_TABLE_STEPS),
);

/** The cross-bilateral pass above over interleaved (Cb, Cr), guided by the luma and by the chroma itself. */
function crossBilateral(chroma: Float32Array, luma: Float32Array, width: number, s: ChromaSmoothing): Float32Array {
  const height = luma.length / width;
  // Taps every `step` pixels out to 2 s, the centre among them: step s / 3 samples the Gaussian finely.
  const step = Math.max(1, Math.round(s.spatial / 3));
  const steps = Math.floor((2 * s.spatial) / step);
  const side = 2 * steps + 1;
  const dys = new Int32Array(side * side);
  const dxs = new Int32Array(side * side);
  const spatialArgs = new Float32Array(side * side);
  for (let i = 0; i < side; i++)
    for (let j = 0; j < side; j++) {
      const [dy, dx] = [(i - steps) * step, (j - steps) * step];
      dys[i * side + j] = dy;
      dxs[i * side + j] = dx;
      spatialArgs[i * side + j] = (dy * dy + dx * dx) / (2 * s.spatial * s.spatial);
    }
  const kl = 1 / (2 * s.lumaRange * s.lumaRange);
  const kc = 1 / (2 * s.chromaRange * s.chromaRange);
  const out = new Float32Array(chroma.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = y * width + x;
      const yp = luma[p]!;
      const bp = chroma[2 * p]!;
      const rp = chroma[2 * p + 1]!;
      let sum = 0;
      let sb = 0;
      let sr = 0;
      for (let t = 0; t < spatialArgs.length; t++) {
        const yy = y + dys[t]!;
        const xx = x + dxs[t]!;
        if (yy < 0 || yy >= height || xx < 0 || xx >= width) continue;
        const q = yy * width + xx;
        const cb = chroma[2 * q]!;
        const cr = chroma[2 * q + 1]!;
        const dl = luma[q]! - yp;
        const arg = spatialArgs[t]! + dl * dl * kl + ((cb - bp) * (cb - bp) + (cr - rp) * (cr - rp)) * kc;
        if (arg >= EXP_TABLE_END) continue;
        const weight = expTable[(arg * EXP_TABLE_STEPS) | 0]!;
        sum += weight;
        sb += weight * cb;
        sr += weight * cr;
      }
      out[2 * p] = sb / sum;
      out[2 * p + 1] = sr / sum;
    }
  }
  return out;
}
