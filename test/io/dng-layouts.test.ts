import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ImageF32 } from '../../main/engine/image';
import { probeImage, readImage, writeImage } from '../../main/io';
import { cleanCrop } from '../helpers/images';
import { CAMERA, writeSyntheticDng, type Layout, type SyntheticDng } from '../helpers/synthetic-dng';
import { tempFolder } from './helpers';

// What cameras and converters write: bit depths, packing, lossless JPEG, deflate, tiles, byte orders, linearisation
// tables, per-row and per-column black levels. dcraw (Debian's) is the independent reader where it reads the layout.
const hasDcraw = existsSync('/usr/bin/dcraw');

function dcrawValues(file: string): number[] {
  const pgm = execFileSync('dcraw', ['-D', '-4', '-c', file]);
  const header = /^P5\s+(\d+)\s+(\d+)\s+65535\s/.exec(pgm.toString('latin1', 0, 40));
  if (!header) throw new Error('dcraw did not write a 16-bit PGM');
  const n = Number(header[1]) * Number(header[2]);
  const body = pgm.subarray(header[0].length);
  return Array.from({ length: n }, (_, i) => body.readUInt16BE(2 * i));
}

function activeArea(dng: SyntheticDng): number[] {
  const out: number[] = [];
  for (let i = 0; i < dng.height; i++)
    for (let j = CAMERA.masked; j < dng.width; j++) out.push(dng.raster[i * dng.width + j]!);
  return out;
}

/** The engine's planes expected from the raster: (v - black(i, j)) / (white - black(i, j)). */
function expectedPlanes(dng: SyntheticDng): Float32Array {
  const h = dng.height / 2;
  const w = (dng.width - CAMERA.masked) / 2;
  const out = new Float32Array(h * w * 4);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      for (let c = 0; c < 4; c++) {
        const i = 2 * y + (c >> 1);
        const j = 2 * x + (c & 1);
        const black = dng.black(i, j);
        out[(y * w + x) * 4 + c] = (dng.raster[i * dng.width + CAMERA.masked + j]! - black) / (dng.white - black);
      }
    }
  }
  return out;
}

function maxDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let k = 0; k < a.length; k++) m = Math.max(m, Math.abs(a[k]! - b[k]!));
  return a.length === b.length ? m : Infinity;
}

const cases: { name: string; layout: Layout; bigEndian?: boolean; dcraw: boolean }[] = [
  { name: '10-bit packed', layout: { bits: 10, packed: true }, dcraw: true },
  { name: '12-bit packed, big-endian', layout: { bits: 12, packed: true }, bigEndian: true, dcraw: true },
  { name: '14-bit packed (Magic Lantern)', layout: { bits: 14, packed: true }, dcraw: true },
  { name: '12-bit in 16-bit words', layout: { bits: 12 }, dcraw: true },
  { name: '16-bit', layout: { bits: 16 }, dcraw: true },
  // dcraw 9.28 reads only the first strip of a lossless JPEG DNG (Adobe's converter writes tiles).
  {
    name: '14-bit lossless JPEG, strips of 32 rows',
    layout: { bits: 14, compression: 'ljpeg', rowsPerStrip: 32 },
    dcraw: false,
  },
  { name: '14-bit lossless JPEG, one strip', layout: { bits: 14, compression: 'ljpeg' }, dcraw: true },
  {
    name: '12-bit lossless JPEG, 48-pixel tiles of 2 components, big-endian',
    layout: { bits: 12, compression: 'ljpeg', tile: 48, ljpegComponents: 2 },
    bigEndian: true,
    dcraw: true,
  },
  // dcraw 9.28 gives the table's input codes for lossless JPEG (it applies the table to packed data, checked below).
  {
    name: '14-bit lossless JPEG, linearisation table',
    layout: { bits: 14, compression: 'ljpeg', linearization: true },
    dcraw: false,
  },
  { name: '12-bit packed, linearisation table', layout: { bits: 12, packed: true, linearization: true }, dcraw: true },
  { name: '12-bit packed, BlackLevelDeltaH/V', layout: { bits: 12, packed: true, blackDelta: true }, dcraw: true },
  {
    name: '14-bit deflate with horizontal differencing, strips',
    layout: { bits: 14, compression: 'deflate', rowsPerStrip: 20 },
    dcraw: false,
  },
  {
    name: '16-bit deflate, 32-pixel tiles, big-endian',
    layout: { bits: 16, compression: 'deflate', tile: 32 },
    bigEndian: true,
    dcraw: false,
  },
  { name: '12-bit uncompressed, 32-pixel tiles', layout: { bits: 12, tile: 32 }, dcraw: false },
];

describe.skipIf(!hasDcraw)('DNG storage variants', () => {
  let dir: string;
  let rgb: ImageF32;
  beforeAll(async () => {
    dir = await tempFolder('gr2r-dng-layouts-');
    await mkdir(join(dir, 'out'));
    rgb = await cleanCrop('coffee.png', 96, 90, 80);
  });

  it.each(cases)(
    '$name: read as the values written, written back as dcraw reads the source',
    async ({ name, layout, bigEndian, dcraw }) => {
      const file = join(dir, `${name.replace(/\W+/g, '-')}.dng`);
      const dng = await writeSyntheticDng(file, rgb, { layout, bigEndian: bigEndian ?? false, seed: 7 });
      if (dcraw) expect(dcrawValues(file)).toEqual(activeArea(dng));
      const { image, source } = await readImage(file);
      expect(maxDifference(image.data, expectedPlanes(dng))).toBeLessThan(1e-6);
      const out = await writeImage(join(dir, 'out', `${name.replace(/\W+/g, '-')}.dng`), image, source);
      expect(dcrawValues(out.path)).toEqual(activeArea(dng));
    },
  );

  it('reads a 6x6 (X-Trans) mosaic as 36 planes, one per position, and writes it back as dcraw reads the source', async () => {
    const file = join(dir, 'xtrans.dng');
    const dng = await writeSyntheticDng(file, rgb, { layout: { bits: 14, packed: true, xtrans: true }, seed: 3 });
    expect(execFileSync('dcraw', ['-i', '-v', file]).toString()).toMatch(/Filter pattern: (\w{6}\/){5}\w{6}/);
    const { image, source } = await readImage(file);
    expect([image.width, image.height, image.channels]).toEqual([16, 16, 36]);
    expect(source.notes.join()).toMatch(/6x6 mosaic read as 36 planes/);
    for (const [y, x, c] of [
      [0, 0, 0],
      [3, 5, 7],
      [15, 15, 35],
      [9, 2, 20],
    ] as const) {
      const [i, j] = [6 * y + Math.floor(c / 6), 6 * x + (c % 6)];
      const black = dng.black(i, j);
      const stored = dng.raster[i * dng.width + CAMERA.masked + j]!;
      expect(image.data[(y * 16 + x) * 36 + c]).toBeCloseTo((stored - black) / (dng.white - black), 6);
    }
    const out = await writeImage(join(dir, 'out', 'xtrans.dng'), image, source);
    expect(dcrawValues(out.path)).toEqual(activeArea(dng));
  });

  it('names a GoPro GPR (VC-5, compression 9) with what to do, instead of calling it damaged', async () => {
    const file = join(dir, 'GOPR0001.dng');
    await writeSyntheticDng(file, rgb);
    const bytes = await readFile(file);
    // The raw SubIFD's Compression entry (259, short, 1 value, 1) becomes 9, as in a GPR.
    const entry = Buffer.from([0x03, 0x01, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x00]);
    const at = bytes.indexOf(entry, bytes.indexOf(entry) + 1);
    expect(at).toBeGreaterThan(0);
    bytes[at + 8] = 9;
    const gpr = join(dir, 'GOPR0001.GPR');
    await writeFile(gpr, bytes);
    await expect(probeImage(gpr)).rejects.toThrow(/GOPR0001\.GPR.*GoPro GPR.*VC-5.*gpr_tools.*Adobe DNG Converter/);
  });
});
