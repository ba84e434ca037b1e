import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeImage } from '../../main/engine/image';
import { probeImage, readImage, scanFolder, writeImage } from '../../main/io';
import { decodeDng, openDng } from '../../main/io/dng/read-dng';
import { readTiffDirectories } from '../../main/io/dng/tiff-directories';
import { cleanCrop } from '../helpers/images';
import { CAMERA, writeSyntheticDng, type SyntheticDng } from '../helpers/synthetic-dng';
import { sha256, tempFolder } from './helpers';

// dcraw (Debian's package; .ci/run installs it) is the independent reader: what it decodes from our files is the truth.
const hasDcraw = existsSync('/usr/bin/dcraw');
if (!hasDcraw) console.warn('DNG interoperability tests skipped: no dcraw (apt-get install -y dcraw)');

/** dcraw -D -4: the raw values of the active area, as stored, in a 16-bit PGM. */
function dcrawValues(file: string): { width: number; height: number; values: number[] } {
  const pgm = execFileSync('dcraw', ['-D', '-4', '-c', file]);
  const header = /^P5\s+(\d+)\s+(\d+)\s+65535\s/.exec(pgm.toString('latin1', 0, 40));
  if (!header) throw new Error('dcraw did not write a 16-bit PGM');
  const [width, height] = [Number(header[1]), Number(header[2])];
  const body = pgm.subarray(header[0].length);
  return { width, height, values: Array.from({ length: width * height }, (_, i) => body.readUInt16BE(2 * i)) };
}

function activeArea(dng: SyntheticDng): number[] {
  const out: number[] = [];
  for (let i = 0; i < dng.height; i++)
    for (let j = CAMERA.masked; j < dng.width; j++) out.push(dng.raster[i * dng.width + j]!);
  return out;
}

describe.skipIf(!hasDcraw)('DNG (camera raw) in and out', () => {
  let dir: string;
  let file: string;
  let dng: SyntheticDng;
  beforeAll(async () => {
    dir = await tempFolder('gr2r-dng-');
    await mkdir(join(dir, 'out'));
    file = join(dir, 'IMG 0001 é.dng');
    dng = await writeSyntheticDng(file, await cleanCrop('astronaut.png', 128, 100, 50));
  });

  it('the synthetic DNG is one dcraw reads as written (so the tests below test a real DNG)', () => {
    const info = execFileSync('dcraw', ['-i', '-v', file]).toString();
    expect(info).toMatch(/Camera: GR2R Test Camera/);
    expect(info).toMatch(/Filter pattern: RG\/GB/);
    expect(dcrawValues(file).values).toEqual(activeArea(dng));
  });

  it('reads the Bayer mosaic as 4 half-size linear planes: (value - black) / (white - black)', async () => {
    const probe = await probeImage(file);
    expect(probe).toMatchObject({ format: 'dng', width: 64, height: 64, channels: 4, bitDepth: 16 });
    const { image, source } = await readImage(file);
    expect(source.notes.join()).toMatch(/camera raw: Bayer mosaic/);
    for (const [y, x, c] of [
      [0, 0, 0],
      [5, 7, 1],
      [63, 63, 2],
      [31, 2, 3],
    ] as const) {
      const i = 2 * y + (c >> 1);
      const j = 2 * x + (c & 1);
      const black = CAMERA.black[c]!;
      const stored = dng.raster[i * dng.width + CAMERA.masked + j]!;
      expect(image.data[(y * 64 + x) * 4 + c]).toBeCloseTo((stored - black) / (CAMERA.white - black), 6);
    }
  });

  it('writes a DNG dcraw reads back value for value, camera tags and masked borders kept, input untouched', async () => {
    const before = await sha256(file);
    const { image, source } = await readImage(file);
    const out = await writeImage(join(dir, 'out', 'same.dng'), image, source);
    expect(out.path.endsWith('same.dng')).toBe(true);
    expect(dcrawValues(out.path).values).toEqual(dcrawValues(file).values);
    const info = execFileSync('dcraw', ['-i', '-v', out.path]).toString();
    expect(info).toMatch(/Camera: GR2R Test Camera/);
    expect(info).toMatch(/Camera multipliers: 2\.000000 1\.000000 1\.428571/);
    // A preview (the quick look of the planes, 8-bit RGB) in IFD1, which dcraw -e extracts.
    expect(info).toMatch(/Thumb size: +64 x 64/);
    expect(execFileSync('dcraw', ['-e', '-c', out.path]).subarray(0, 13).toString('latin1')).toBe('P6\n64 64\n255\n');
    const { ifds } = readTiffDirectories(new Uint8Array(await readFile(out.path)));
    expect(ifds[0]!.entries.get(50721)?.values).toEqual([
      8000, 10000, -2000, 10000, -1000, 10000, -4000, 10000, 12000, 10000, 1000, 10000, -500, 10000, 2000, 10000, 6000,
      10000,
    ]);
    expect(ifds[0]!.entries.get(50829)?.values).toEqual([0, CAMERA.masked, 128, 136]);
    const stored = decodeDng(out.path, await openDng(out.path)).raster;
    for (let i = 0; i < dng.height; i += 17) {
      for (let j = 0; j < CAMERA.masked; j++) expect(stored[i * dng.width + j]).toBe(dng.raster[i * dng.width + j]);
    }
    expect(await sha256(file)).toBe(before);
    const again = await writeImage(join(dir, 'out', 'same.dng'), image, source);
    expect(again.path).not.toBe(out.path);
  });

  it('maps new linear values back to stored units exactly (black + x (white - black), rounded)', async () => {
    const { image, source } = await readImage(file);
    const half = makeImage(
      image.height,
      image.width,
      4,
      image.data.map((v) => v / 2),
    );
    const out = await writeImage(join(dir, 'out', 'half.dng'), half, source);
    const written = dcrawValues(out.path).values;
    const original = dcrawValues(file).values;
    for (const k of [0, 1, 129, 5000, 16383]) {
      const cell = (Math.floor(k / 128) % 2) * 2 + (k % 2);
      const black = CAMERA.black[cell]!;
      expect(Math.abs(written[k]! - ((original[k]! - black) / 2 + black))).toBeLessThanOrEqual(0.5);
    }
  });

  it("reads a big-endian DNG (as Adobe's converter writes) as the same data", async () => {
    const big = join(dir, 'big-endian.dng');
    await writeSyntheticDng(big, await cleanCrop('astronaut.png', 128, 100, 50), { bigEndian: true });
    expect((await readFile(big)).toString('latin1', 0, 2)).toBe('MM');
    expect(dcrawValues(big).values).toEqual(dcrawValues(file).values);
    expect(Array.from((await readImage(big)).image.data)).toEqual(Array.from((await readImage(file)).image.data));
    const { image, source } = await readImage(big);
    const out = await writeImage(join(dir, 'out', 'from-big.dng'), image, source);
    expect(dcrawValues(out.path).values).toEqual(dcrawValues(file).values);
  });

  it('refuses other output formats for raw data, and names other raw formats with what to do', async () => {
    const { image, source } = await readImage(file);
    await expect(writeImage(join(dir, 'out', 'x.tif'), image, source, { format: 'tiff' })).rejects.toThrow(
      /written as DNG/,
    );
    const cr2 = join(dir, 'shot.CR2');
    await writeFile(cr2, Buffer.concat([Buffer.from('II*\0\x10\0\0\0CR\x02\0'), Buffer.alloc(3000, 7)]));
    await expect(probeImage(cr2)).rejects.toThrow(/shot\.CR2.*camera raw that cannot be read: LibRaw/);
    const truncated = join(dir, 'cut.dng');
    await writeFile(truncated, (await readFile(file)).subarray(0, 3000));
    await expect(readImage(truncated)).rejects.toThrow(/cut\.dng.*(truncated|incomplete)/);
    const scan = await scanFolder(dir);
    expect(scan.failures.map((f) => f.file).sort()).toEqual(
      expect.arrayContaining([expect.stringMatching(/shot\.CR2$/), expect.stringMatching(/cut\.dng$/)]),
    );
    expect(scan.images.some((i) => i.file.endsWith('.dng') && i.format === 'dng')).toBe(true);
  });
});
