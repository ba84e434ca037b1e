import { writeFile } from 'node:fs/promises';
import type { ImageF32 } from '../../main/engine/image';
import { Rng } from '../../main/engine/random/rng';
import { poissonVariate } from '../../main/engine/random/poisson';
import { encodeIfd, ifdByteLength, type IfdEntry } from '../../main/io/tiff-ifd';
import { cut, type Pieces } from './dng-pieces';

/** A made-up camera: 14-bit sensor, per-channel black levels, 8 masked columns on the left. */
export const CAMERA = {
  black: [512, 514, 513, 511] as const,
  white: 15000,
  masked: 8,
};

export interface Exposure {
  readonly seed?: number;
  /** Photo-electrons at white (a = 1 / fullWell in linear units), and read noise in DN; 0 and 0: no noise. */
  readonly fullWell?: number;
  readonly readNoise?: number;
  /** Written big-endian ("MM"), as Adobe's DNG converter writes. */
  readonly bigEndian?: boolean;
  /** How the raw image is stored (default: 14-bit values in uncompressed 16-bit words, one strip). */
  readonly layout?: Layout;
  /** ISO (tag 34855 in IFD0) and a NoiseProfile (tag 51041: variance = S x + O in linear units), if given. */
  readonly iso?: number;
  readonly noiseProfile?: readonly [number, number];
  /**
   * Read noise correlated within each CFA plane, as lossy in-camera coding leaves it: each photosite's the sum of its
   * own draw and its same-colour neighbours' to the right and below, over sqrt(3) (lag-1 correlation 1/3 per plane).
   */
  readonly correlatedRead?: boolean;
  /** Orientation (tag 274 in IFD0): how a viewer turns the stored image upright. */
  readonly orientation?: number;
}

/** The storage variants cameras and converters write. */
export interface Layout {
  /** Sensor bit depth: black and white levels are CAMERA's scaled by 2^(bits - 14). */
  readonly bits?: 10 | 12 | 14 | 16;
  /** Uncompressed samples packed in `bits` bits (BitsPerSample = bits), or in 16-bit words. */
  readonly packed?: boolean;
  readonly compression?: 'none' | 'ljpeg' | 'deflate';
  /** Lossless JPEG frames of 2 components at half the width, as Adobe's converter writes. */
  readonly ljpegComponents?: 1 | 2;
  /** Square tiles of this size, else strips of `rowsPerStrip` rows (default: one strip). */
  readonly tile?: number;
  readonly rowsPerStrip?: number;
  /** Stored codes pass through a LinearizationTable (code k means k + floor(k^2 / 2^(bits + 1)) DN). */
  readonly linearization?: boolean;
  /** BlackLevelDeltaH (j mod 5) / 2 and BlackLevelDeltaV (i mod 3) on top of the per-cell black levels. */
  readonly blackDelta?: boolean;
  /** Tags the mosaic as Fujifilm's 6x6 X-Trans (the values stay as generated: for reading and writing tests). */
  readonly xtrans?: boolean;
}

/** Fujifilm X-Trans colours, row by row (0 red, 1 green, 2 blue). */
export const XTRANS = [
  1, 1, 0, 1, 1, 2, 1, 1, 2, 1, 1, 0, 2, 0, 1, 0, 2, 1, 1, 1, 2, 1, 1, 0, 1, 1, 0, 1, 1, 2, 0, 2, 1, 2, 0, 1,
];

/** Black levels per cell and the white level of a `bits`-bit version of CAMERA. */
export function cameraLevels(bits = 14): { black: number[]; white: number } {
  const scale = 2 ** (bits - 14);
  return { black: CAMERA.black.map((b) => Math.round(b * scale)), white: Math.round(CAMERA.white * scale) };
}

/** The linearisation table of Layout.linearization, for `bits`-bit values. */
export function linearizationTable(bits: number): number[] {
  const out: number[] = [];
  for (let k = 0; ; k++) {
    const v = k + Math.floor((k * k) / 2 ** (bits + 1));
    if (v >= 2 ** bits) return out;
    out.push(v);
  }
}

function deltaH(j: number): number {
  return (j % 5) / 2;
}

function deltaV(i: number): number {
  return i % 3;
}

export interface SyntheticDng {
  /** The raster's values (linearised), masked columns included (height x (width + masked)). */
  readonly raster: Uint16Array;
  /** The black level of each cell (active-area row i, column j), deltas included, and the white level. */
  readonly black: (i: number, j: number) => number;
  readonly white: number;
  readonly width: number;
  readonly height: number;
  /** The clean mosaic's 4 planes in linear [0, 1] units (the engine's view without noise). */
  readonly clean: ImageF32;
}

/**
 * A Bayer (RGGB) DNG made from a clean RGB crop: linear values x in [0, 1], shot noise (Poisson photo-electrons)
 * and read noise, as a camera writes them. Structure as Adobe's converter lays it out: IFD0 a small preview with the
 * camera tags, SubIFD the raw image.
 */
export async function writeSyntheticDng(file: string, rgb: ImageF32, exposure: Exposure = {}): Promise<SyntheticDng> {
  const { seed = 1, fullWell = 2000, readNoise = 3, layout = {} } = exposure;
  const { height, width } = rgb;
  const bits = layout.bits ?? 14;
  const levels = cameraLevels(bits);
  const table = layout.linearization ? linearizationTable(bits) : undefined;
  const blackAt = (i: number, j: number): number =>
    levels.black[(i % 2) * 2 + (j % 2)]! + (layout.blackDelta ? deltaH(j) + deltaV(i) : 0);
  const codes = new Uint16Array(height * (width + CAMERA.masked));
  const stored = width + CAMERA.masked;
  const raster = new Uint16Array(height * stored);
  const planes = new Float32Array((height / 2) * (width / 2) * 4);
  const rng = new Rng(seed);
  const draws = exposure.correlatedRead
    ? Float64Array.from({ length: (height + 2) * (stored + 2) }, () => rng.normal())
    : undefined;
  const drawAt = (i: number, j: number): number => draws![i * (stored + 2) + j]!;
  for (let i = 0; i < height; i++) {
    for (let j = 0; j < stored; j++) {
      const cell = (i % 2) * 2 + (j % 2); // masked is even: the pattern starts at the active area
      const black = blackAt(i, Math.max(0, j - CAMERA.masked));
      let signal = 0;
      if (j >= CAMERA.masked) {
        const jj = j - CAMERA.masked;
        const channel = [0, 1, 1, 2][cell]!;
        const x = rgb.data[(i * width + jj) * 3 + channel]! ** 2.2 * 0.9;
        planes[((i >> 1) * (width / 2) + (jj >> 1)) * 4 + cell] = x;
        const range = levels.white - black;
        signal = fullWell > 0 ? (poissonVariate(rng, x * fullWell) / fullWell) * range : x * range;
      }
      const read =
        readNoise * (draws ? (drawAt(i, j) + drawAt(i, j + 2) + drawAt(i + 2, j)) / Math.sqrt(3) : rng.normal());
      const value = Math.min(2 ** bits - 1, Math.max(0, Math.round(black + signal + read)));
      const at = i * stored + j;
      codes[at] = table ? upperIndex(table, value) : value;
      raster[at] = table ? table[codes[at]]! : value;
    }
  }
  await writeFile(file, encode(codes, stored, height, exposure, table));
  return {
    raster,
    width: stored,
    height,
    black: blackAt,
    white: levels.white,
    clean: { height: height / 2, width: width / 2, channels: 4, data: planes },
  };
}

/** The last index whose table value is <= v. */
function upperIndex(table: readonly number[], v: number): number {
  let k = 0;
  while (k + 1 < table.length && table[k + 1]! <= v) k++;
  return k;
}

function cameraTags(): IfdEntry[] {
  return [
    { tag: 271, type: 'ascii', values: 'GR2R' },
    { tag: 272, type: 'ascii', values: 'Test Camera' },
    { tag: 50706, type: 'byte', values: [1, 4, 0, 0] },
    { tag: 50707, type: 'byte', values: [1, 1, 0, 0] },
    { tag: 50708, type: 'ascii', values: 'GR2R Test Camera' },
    {
      tag: 50721,
      type: 'srational',
      values: [
        8000, 10000, -2000, 10000, -1000, 10000, -4000, 10000, 12000, 10000, 1000, 10000, -500, 10000, 2000, 10000,
        6000, 10000,
      ],
    },
    { tag: 50728, type: 'rational', values: [500, 1000, 1000, 1000, 700, 1000] },
    { tag: 50778, type: 'short', values: [21] },
  ];
}

function rawTags(width: number, height: number, pieces: Pieces, exposure: Exposure, table?: number[]): IfdEntry[] {
  const layout = exposure.layout ?? {};
  const bits = layout.bits ?? 14;
  const levels = cameraLevels(bits);
  const active = width - CAMERA.masked;
  return [
    ...pieces.tags,
    { tag: 258, type: 'short', values: [pieces.bitsPerSample] },
    { tag: 259, type: 'short', values: [pieces.compression] },
    ...(pieces.predictor ? [{ tag: 317, type: 'short' as const, values: [pieces.predictor] }] : []),
    { tag: 50714, type: 'rational', values: levels.black.flatMap((b) => [b, 1]) },
    { tag: 50717, type: 'short', values: [levels.white] },
    ...(table ? [{ tag: 50712, type: 'short' as const, values: table }] : []),
    ...(layout.blackDelta
      ? [
          {
            tag: 50715,
            type: 'srational' as const,
            values: Array.from({ length: active }, (_, j) => [deltaH(j) * 2, 2]).flat(),
          },
          {
            tag: 50716,
            type: 'srational' as const,
            values: Array.from({ length: height }, (_, i) => [deltaV(i), 1]).flat(),
          },
        ]
      : []),
    ...(exposure.noiseProfile ? [{ tag: 51041, type: 'double' as const, values: [...exposure.noiseProfile] }] : []),
  ];
}

function baseRawTags(width: number, height: number, xtrans = false): IfdEntry[] {
  return [
    { tag: 254, type: 'long', values: [0] },
    { tag: 256, type: 'long', values: [width] },
    { tag: 257, type: 'long', values: [height] },
    { tag: 262, type: 'short', values: [32803] },
    { tag: 277, type: 'short', values: [1] },
    ...(xtrans
      ? [
          { tag: 33421, type: 'short' as const, values: [6, 6] },
          { tag: 33422, type: 'byte' as const, values: XTRANS },
        ]
      : [
          { tag: 33421, type: 'short' as const, values: [2, 2] },
          { tag: 33422, type: 'byte' as const, values: [0, 1, 1, 2] },
        ]),
    { tag: 50713, type: 'short', values: [2, 2] },
    { tag: 50829, type: 'long', values: [0, CAMERA.masked, height, width] },
    { tag: 50719, type: 'long', values: [0, 0] },
    { tag: 50720, type: 'long', values: [width - CAMERA.masked, height] },
  ];
}

function previewTags(subIfd: number, offset: number, exposure: Exposure): IfdEntry[] {
  return [
    { tag: 254, type: 'long', values: [1] },
    { tag: 256, type: 'long', values: [4] },
    { tag: 257, type: 'long', values: [4] },
    { tag: 258, type: 'short', values: [8, 8, 8] },
    { tag: 259, type: 'short', values: [1] },
    { tag: 262, type: 'short', values: [2] },
    { tag: 273, type: 'long', values: [offset] },
    { tag: 277, type: 'short', values: [3] },
    { tag: 278, type: 'long', values: [4] },
    { tag: 279, type: 'long', values: [48] },
    { tag: 330, type: 'long', values: [subIfd] },
    ...(exposure.orientation ? [{ tag: 274, type: 'short' as const, values: [exposure.orientation] }] : []),
    ...(exposure.iso ? [{ tag: 34855, type: 'short' as const, values: [exposure.iso] }] : []),
    ...cameraTags(),
  ];
}

function encode(codes: Uint16Array, width: number, height: number, exposure: Exposure, table?: number[]): Buffer {
  const le = !exposure.bigEndian;
  const sizing = cut(codes, width, height, exposure, 0);
  const ifd0Length = ifdByteLength(previewTags(0, 0, exposure));
  const subIfdAt = 8 + ifd0Length;
  const rawLength = ifdByteLength([
    ...baseRawTags(width, height, exposure.layout?.xtrans),
    ...rawTags(width, height, sizing, exposure, table),
  ]);
  const previewAt = subIfdAt + rawLength;
  const rasterAt = previewAt + 48;
  const pieces = cut(codes, width, height, exposure, rasterAt);
  const ifd0 = encodeIfd(previewTags(subIfdAt, previewAt, exposure), 8, le);
  const sub = encodeIfd(
    [...baseRawTags(width, height, exposure.layout?.xtrans), ...rawTags(width, height, pieces, exposure, table)],
    subIfdAt,
    le,
  );
  const header = Buffer.from(le ? [0x49, 0x49, 0x2a, 0, 8, 0, 0, 0] : [0x4d, 0x4d, 0, 0x2a, 0, 0, 0, 8]);
  return Buffer.concat([header, ifd0, sub, new Uint8Array(48).fill(128), ...pieces.bytes]);
}
