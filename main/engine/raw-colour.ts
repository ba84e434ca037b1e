import type { ImageF32 } from './image';
import { makeImage } from './image';

/** How a raw file's planes become a picture: each plane's filter colour, white balance and colour matrix. */
export interface RawColour {
  /** Colour of each plane (0 red, 1 green, 2 blue), in plane order. */
  readonly planeColours: readonly number[];
  /** AsShotNeutral: the camera's values of a neutral grey (white balance multipliers are 1 / neutral). */
  readonly neutral?: readonly number[];
  /** ColorMatrix: XYZ (D65) to camera, 3x3 row-major, as DNG stores it. */
  readonly cameraFromXyz?: readonly number[];
  /** Orientation (tag 274, 2-8): the planes stay as stored, the quick look turns them upright (upright.ts). */
  readonly orientation?: number;
}

// XYZ (D65) from linear sRGB (IEC 61966-2-1).
const XYZ_FROM_SRGB = [0.4124564, 0.3575761, 0.1804375, 0.2126729, 0.7151522, 0.072175, 0.0193339, 0.119192, 0.9503041];

function multiply(a: readonly number[], b: readonly number[]): number[] {
  return Array.from(
    { length: 9 },
    (_, k) =>
      a[3 * Math.floor(k / 3)]! * b[k % 3]! +
      a[3 * Math.floor(k / 3) + 1]! * b[3 + (k % 3)]! +
      a[3 * Math.floor(k / 3) + 2]! * b[6 + (k % 3)]!,
  );
}

function invert(m: readonly number[]): number[] | undefined {
  const [a, b, c, d, e, f, g, h, i] = m as [number, number, number, number, number, number, number, number, number];
  const det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
  if (!Number.isFinite(det) || Math.abs(det) < 1e-12) return undefined;
  return [
    e * i - f * h,
    c * h - b * i,
    b * f - c * e,
    f * g - d * i,
    a * i - c * g,
    c * d - a * f,
    d * h - e * g,
    b * g - a * h,
    a * e - b * d,
  ].map((v) => v / det);
}

/**
 * sRGB from camera RGB, as dcraw builds it: camera-from-sRGB = ColorMatrix x XYZ-from-sRGB, each row scaled to sum 1
 * (so white-balanced neutral stays neutral), inverted. The identity when the file has no usable matrix.
 */
export function srgbFromCamera(cameraFromXyz: readonly number[] | undefined): number[] {
  const identity = [1, 0, 0, 0, 1, 0, 0, 0, 1];
  if (cameraFromXyz?.length !== 9) return identity;
  const camera = multiply(cameraFromXyz, XYZ_FROM_SRGB);
  for (let r = 0; r < 3; r++) {
    const sum = camera[3 * r]! + camera[3 * r + 1]! + camera[3 * r + 2]!;
    if (!(Math.abs(sum) > 1e-9)) return identity;
    for (let c = 0; c < 3; c++) camera[3 * r + c]! /= sum;
  }
  return invert(camera) ?? identity;
}

/**
 * A quick look at raw planes: each pixel's red, green and blue the mean of its planes of that colour (a half-size
 * demosaic), white-balanced by 1 / AsShotNeutral, through the colour matrix to linear sRGB, clipped to [0, 1],
 * with a 1/2.2 gamma. Without colour information: planes R, G, G, B, as read.
 */
export function rawToScreen(planes: ImageF32, colour?: RawColour): ImageF32 {
  const colours =
    colour?.planeColours.length === planes.channels
      ? colour.planeColours
      : planes.channels === 3
        ? [0, 1, 2]
        : [0, 1, 1, 2];
  const counts = [0, 1, 2].map((c) => colours.filter((k) => k === c).length || 1);
  const neutral = colour?.neutral?.length === 3 && colour.neutral.every((v) => v > 0) ? colour.neutral : [1, 1, 1];
  const wb = neutral.map((v) => neutral[1]! / v);
  const m = srgbFromCamera(colour?.cameraFromXyz);
  const pixels = planes.width * planes.height;
  const data = new Float32Array(pixels * 3);
  const gamma = (v: number): number => (v > 0 ? Math.min(1, v) ** (1 / 2.2) : 0);
  const cam = [0, 0, 0];
  for (let p = 0; p < pixels; p++) {
    cam.fill(0);
    for (let k = 0; k < planes.channels && k < colours.length; k++)
      cam[colours[k]!]! += planes.data[p * planes.channels + k]!;
    for (let c = 0; c < 3; c++) cam[c] = (cam[c]! / counts[c]!) * wb[c]!;
    for (let r = 0; r < 3; r++)
      data[p * 3 + r] = gamma(m[3 * r]! * cam[0]! + m[3 * r + 1]! * cam[1]! + m[3 * r + 2]! * cam[2]!);
  }
  return makeImage(planes.height, planes.width, 3, data);
}
