import { writeFile } from 'node:fs/promises';
import type { ImageF32 } from '../../main/engine/image';
import { Rng } from '../../main/engine/random/rng';
import { poissonVariate } from '../../main/engine/random/poisson';
import { encodeIfd, ifdByteLength, type IfdEntry } from '../../main/io/tiff-ifd';

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
}

export interface SyntheticDng {
  /** The stored raster, masked columns included (height x (width + masked)). */
  readonly raster: Uint16Array;
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
  const { seed = 1, fullWell = 2000, readNoise = 3 } = exposure;
  const { height, width } = rgb;
  const stored = width + CAMERA.masked;
  const raster = new Uint16Array(height * stored);
  const planes = new Float32Array((height / 2) * (width / 2) * 4);
  const rng = new Rng(seed);
  
  for (let i = 0; i < height; i++) {
    for (let j = 0; j < stored; j++) {
      const cell = (i % 2) * 2 + (j % 2); // masked is even: the pattern starts at the active area
      const black = CAMERA.black[cell]!;
      let signal = 0;
      if (j >= CAMERA.masked) {
        const jj = j - CAMERA.masked;
        const channel = [0, 1, 1, 2][cell]!;
        const x = rgb.data[(i * width + jj) * 3 + channel]! ** 2.2 * 0.9;
        planes[((i >> 1) * (width / 2) + (jj >> 1)) * 4 + cell] = x;
        const range = CAMERA.white - black;
        signal = fullWell > 0 ? (poissonVariate(rng, x * fullWell) / fullWell) * range : x * range;
      }
      const read = readNoise * rng.normal();
      raster[i * stored + j] = Math.min(65535, Math.max(0, Math.round(black + signal + read)));
    }
  }
  await writeFile(file, encode(raster, stored, height, exposure.bigEndian ?? false));
  return { raster, width: stored, height, clean: { height: height / 2, width: width / 2, channels: 4, data: planes } };
}

function cameraTags(): IfdEntry[] {
  return [
    { tag: 271, type: 'ascii', values: 'GR2R' },
    { tag: 272, type: 'ascii', values: 'Test Camera' },
    { tag: 50706, type: 'byte', values: [1, 4, 0, 0] },
    { tag: 50707, type: 'byte', values: [1, 1, 0, 0] },
    { tag: 50708, type: 'ascii', values: 'GR2R Test Camera' },
    { tag: 50721, type: 'srational', values: [8000, 10000, -2000, 10000, -1000, 10000, -4000, 10000, 12000, 10000, 1000, 10000, -500, 10000, 2000, 10000, 6000, 10000] },
    { tag: 50728, type: 'rational', values: [500, 1000, 1000, 1000, 700, 1000] },
    { tag: 50778, type: 'short', values: [21] },
  ];
}

function rawTags(width: number, height: number, offset: number): IfdEntry[] {
  return [
    { tag: 254, type: 'long', values: [0] },
    { tag: 256, type: 'long', values: [width] },
    { tag: 257, type: 'long', values: [height] },
    { tag: 258, type: 'short', values: [16] },
    { tag: 259, type: 'short', values: [1] },
    { tag: 262, type: 'short', values: [32803] },
    { tag: 273, type: 'long', values: [offset] },
    { tag: 277, type: 'short', values: [1] },
    { tag: 278, type: 'long', values: [height] },
    { tag: 279, type: 'long', values: [width * height * 2] },
    { tag: 33421, type: 'short', values: [2, 2] },
    { tag: 33422, type: 'byte', values: [0, 1, 1, 2] },
    { tag: 50713, type: 'short', values: [2, 2] },
    { tag: 50714, type: 'rational', values: CAMERA.black.flatMap((b) => [b, 1]) },
    { tag: 50717, type: 'short', values: [CAMERA.white] },
    { tag: 50829, type: 'long', values: [0, CAMERA.masked, height, width] },
    { tag: 50719, type: 'long', values: [0, 0] },
    { tag: 50720, type: 'long', values: [width - CAMERA.masked, height] },
  ];
}

function previewTags(subIfd: number, offset: number): IfdEntry[] {
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
    ...cameraTags(),
  ];
}

function encode(raster: Uint16Array, width: number, height: number, bigEndian: boolean): Buffer {
  const le = !bigEndian;
  const ifd0Length = ifdByteLength(previewTags(0, 0));
  const subIfdAt = 8 + ifd0Length;
  const previewAt = subIfdAt + ifdByteLength(rawTags(width, height, 0));
  const rasterAt = previewAt + 48;
  const ifd0 = encodeIfd(previewTags(subIfdAt, previewAt), 8, le);
  const sub = encodeIfd(rawTags(width, height, rasterAt), subIfdAt, le);
  const header = Buffer.from(le ? [0x49, 0x49, 0x2a, 0, 8, 0, 0, 0] : [0x4d, 0x4d, 0, 0x2a, 0, 0, 0, 8]);
  const samples = Buffer.from(raster.buffer, raster.byteOffset, raster.byteLength);
  return Buffer.concat([header, ifd0, sub, new Uint8Array(48).fill(128), le ? samples : Buffer.from(samples).swap16()]);
}
