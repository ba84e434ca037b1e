import sharp from 'sharp';
import type { ImageF32 } from '../../engine/image';
import type { BitDepth } from '../../io';
import type { DisplayStretch } from '../../shared/display-stretch';

/** The data values shown as black and white; `db`: the values are shown as 10 log10(v), lo and hi in dB. */
export interface DisplayRange {
  readonly lo: number;
  readonly hi: number;
  readonly db?: boolean;
}

function quantiles(data: Float32Array, qs: readonly number[], map: (v: number) => number = (v) => v): number[] {
  const step = Math.max(1, Math.floor(data.length / 50_000));
  const sample: number[] = [];
  for (let i = 0; i < data.length; i += step) {
    const v = map(data[i]!);
    if (Number.isFinite(v)) sample.push(v);
  }
  sample.sort((a, b) => a - b);
  return qs.map((q) => sample[Math.min(sample.length - 1, Math.floor(q * sample.length))] ?? 0);
}

const toDb = (v: number) => (v > 0 ? 10 * Math.log10(v) : NaN);

/**
 * Integer images show as stored ([0, 1]). Float data that looks like [0, 1] does too unless another stretch is
 * asked for; other float data (SAR intensity, counts) is stretched between its 0.5 and 99.5 percentiles, or as
 * `stretch` says (shared/display-stretch.ts). A result is always shown with its input's range, so that before and
 * after compare honestly.
 */
export function displayRange(image: ImageF32, bitDepth: BitDepth, stretch: DisplayStretch = 'auto'): DisplayRange {
  if (bitDepth !== 32) return { lo: 0, hi: 1 };
  if (stretch === 'db') {
    const [lo, hi] = quantiles(image.data, [0.005, 0.995], toDb) as [number, number];
    return { lo, hi: hi > lo ? hi : lo + 1, db: true };
  }
  if (stretch === 'p2-98') {
    const [lo, hi] = quantiles(image.data, [0.02, 0.98]) as [number, number];
    return { lo, hi: hi > lo ? hi : lo + 1 };
  }
  const [p005, p995, p999] = quantiles(image.data, [0.005, 0.995, 0.999]) as [number, number, number];
  if (p005 >= -0.2 && p999 <= 1.2) return { lo: 0, hi: 1 };
  return p995 > p005 ? { lo: p005, hi: p995 } : { lo: p005, hi: p005 + 1 };
}

/** The ratio image noisy / denoised: 1 (speckle only) mid-grey, 0 and 2 black and white, whatever the stretch. */
export const RATIO_RANGE: DisplayRange = { lo: 0, hi: 2 };

export interface Region {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** A region of an image, clamped to the image; the region actually taken is returned with it. */
export function cropImage(image: ImageF32, region: Region): { image: ImageF32; region: Region } {
  const x = Math.max(0, Math.min(region.x, image.width - 1));
  const y = Math.max(0, Math.min(region.y, image.height - 1));
  const width = Math.max(1, Math.min(region.width, image.width - x));
  const height = Math.max(1, Math.min(region.height, image.height - y));
  const c = image.channels;
  const data = new Float32Array(width * height * c);
  for (let row = 0; row < height; row++) {
    const from = ((y + row) * image.width + x) * c;
    data.set(image.data.subarray(from, from + width * c), row * width * c);
  }
  return { image: { data, width, height, channels: c }, region: { x, y, width, height } };
}

/** 8-bit grey or RGB pixels for the screen; images with other band counts show their first band. */
function toBytes(image: ImageF32, range: DisplayRange): { bytes: Uint8Array; channels: 1 | 3 } {
  const shown = image.channels === 3 ? 3 : 1;
  const pixels = image.width * image.height;
  const bytes = new Uint8Array(pixels * shown);
  const scale = 255 / (range.hi - range.lo);
  for (let p = 0; p < pixels; p++) {
    for (let k = 0; k < shown; k++) {
      const value = image.data[p * image.channels + k]!;
      const v = ((range.db ? toDb(value) : value) - range.lo) * scale;
      bytes[p * shown + k] = v <= 0 || Number.isNaN(v) ? 0 : v >= 255 ? 255 : Math.round(v);
    }
  }
  return { bytes, channels: shown };
}

/** A PNG of the image as the screen shows it, scaled down to fit `maxSize` when given. */
export async function encodeDisplayPng(image: ImageF32, range: DisplayRange, maxSize?: number): Promise<Buffer> {
  const { bytes, channels } = toBytes(image, range);
  let pipeline = sharp(bytes, { raw: { width: image.width, height: image.height, channels } });
  if (maxSize) pipeline = pipeline.resize({ width: maxSize, height: maxSize, fit: 'inside', withoutEnlargement: true });
  return pipeline.png({ compressionLevel: 3 }).toBuffer();
}
