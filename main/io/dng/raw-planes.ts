import type { ImageF32 } from '../../engine/image';
import { makeImage } from '../../engine/image';
import type { DngRaw } from './dng-raw';

interface Levels {
  black(i: number, j: number, s: number): number;
  white(s: number): number;
}

/**
 * Black and white levels in stored units; the black pattern repeats from the active area's origin, plus
 * BlackLevelDeltaH[j] + BlackLevelDeltaV[i] for column j and row i of the active area (DNG 1.4 §6).
 */
function levels(raw: DngRaw): Levels {
  const { rows, cols, values } = raw.black;
  const spp = raw.samplesPerPixel;
  const { cols: deltaH, rows: deltaV } = raw.blackDelta;
  return {
    black: (i, j, s) =>
      values[(((i % rows) * cols + (j % cols)) * spp + s) % values.length]! + (deltaH[j] ?? 0) + (deltaV[i] ?? 0),
    white: (s) => raw.white[s % raw.white.length]!,
  };
}

/**
 * Pixels of the active area in the engine's layout: a mosaic as one plane per position of its repeat pattern (Bayer:
 * 4 half-size planes; X-Trans: 36 planes of a sixth of each side), so each plane holds one filter colour and its
 * noise is independent from pixel to pixel; linear raw as is. Rows or columns past the last whole pattern are left.
 */
function geometry(raw: DngRaw): {
  top: number;
  left: number;
  height: number;
  width: number;
  channels: number;
  rows: number;
  cols: number;
} {
  const [top, left, bottom, right] = raw.active;
  const { rows, cols } = raw.cfa;
  const height = Math.floor((bottom - top) / rows);
  const width = Math.floor((right - left) / cols);
  return { top, left, height, width, rows, cols, channels: raw.kind === 'cfa' ? rows * cols : raw.samplesPerPixel };
}

/** Visits each engine value with its raster index and its position in the active area. */
function forEachValue(raw: DngRaw, visit: (k: number, at: number, i: number, j: number, s: number) => void): void {
  const g = geometry(raw);
  const spp = raw.samplesPerPixel;
  let k = 0;
  for (let y = 0; y < g.height; y++) {
    for (let x = 0; x < g.width; x++) {
      for (let c = 0; c < g.channels; c++) {
        const mosaic = raw.kind === 'cfa';
        const i = y * g.rows + (mosaic ? Math.floor(c / g.cols) : 0);
        const j = x * g.cols + (mosaic ? c % g.cols : 0);
        const s = mosaic ? 0 : c;
        visit(k++, ((g.top + i) * raw.width + g.left + j) * spp + s, i, j, s);
      }
    }
  }
}

/** Stored values to linear light in [0, 1] (black 0, white 1); noise below black stays negative, never clipped. */
export function rasterToImage(raster: Uint16Array, raw: DngRaw): ImageF32 {
  const g = geometry(raw);
  const lv = levels(raw);
  const data = new Float32Array(g.height * g.width * g.channels);
  forEachValue(raw, (k, at, i, j, s) => {
    const black = lv.black(i, j, s);
    data[k] = (raster[at]! - black) / (lv.white(s) - black);
  });
  return makeImage(g.height, g.width, g.channels, data);
}

/** Writes an engine image back over the active area of a copy of `raster`; counts values that did not fit 16 bits. */
export function imageToRaster(
  image: ImageF32,
  raster: Uint16Array,
  raw: DngRaw,
): { raster: Uint16Array; clipped: number } {
  const g = geometry(raw);
  if (image.height !== g.height || image.width !== g.width || image.channels !== g.channels) {
    throw new Error(
      `the image is ${image.width}x${image.height}x${image.channels}, the raw data needs ${g.width}x${g.height}x${g.channels}`,
    );
  }
  const lv = levels(raw);
  const out = raster.slice();
  let clipped = 0;
  forEachValue(raw, (k, at, i, j, s) => {
    const black = lv.black(i, j, s);
    const v = Math.round(image.data[k]! * (lv.white(s) - black) + black);
    if (!(v >= 0 && v <= 0xffff)) clipped++;
    out[at] = Number.isNaN(v) ? black : Math.min(Math.max(v, 0), 0xffff);
  });
  return { raster: out, clipped };
}

/** The engine image's size for a raw image, without decoding it. */
export function imageSize(raw: DngRaw): { width: number; height: number; channels: number } {
  const { width, height, channels } = geometry(raw);
  return { width, height, channels };
}
