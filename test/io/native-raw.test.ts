import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeMetadataTool, probeImage, readImage, writeImage } from '../../main/io';
import { readTiffDirectories } from '../../main/io/dng/tiff-directories';
import { cleanCrop } from '../helpers/images';
import { CAMERA, writeSyntheticDng } from '../helpers/synthetic-dng';
import { sha256, tempFolder } from './helpers';

// Proprietary raw files go through LibRaw (WebAssembly). No camera's file can ship with the tests, so LibRaw reads
// a synthetic DNG under a Nikon name: the path (sniffing by name, LibRaw's mosaic, levels and pattern, a DNG out
// named after the input) is the one a NEF takes; dcraw checks the output value for value.
const hasDcraw = existsSync('/usr/bin/dcraw');

function dcrawRaw(file: string): Buffer {
  return execFileSync('dcraw', ['-D', '-4', '-c', file]);
}

describe.skipIf(!hasDcraw)('proprietary raw through LibRaw', () => {
  let dir: string;
  let nef: string;
  let dng: string;
  beforeAll(async () => {
    dir = await tempFolder('gr2r-native-');
    await mkdir(join(dir, 'out'));
    dng = join(dir, 'source.dng');
    await writeSyntheticDng(dng, await cleanCrop('chelsea.png', 96, 90, 60), { layout: { bits: 12, packed: true } });
    nef = join(dir, 'DSC_0001.NEF');
    await copyFile(dng, nef);
  });
  afterAll(closeMetadataTool);

  it('reads the mosaic as the DNG reader does, and writes a DNG dcraw reads as the raw file', async () => {
    const before = await sha256(nef);
    expect(await probeImage(nef)).toMatchObject({ format: 'dng', width: 48, height: 48, channels: 4 });
    const { image, source } = await readImage(nef);
    const viaDng = (await readImage(dng)).image;
    // The black levels are measured on the masked border (LibRaw's per-cell part is not exposed): within 3 DN.
    let worst = 0;
    for (let k = 0; k < image.data.length; k++) worst = Math.max(worst, Math.abs(image.data[k]! - viaDng.data[k]!));
    expect(worst).toBeLessThan(3 / (3750 - 128));
    const out = await writeImage(join(dir, 'out', 'DSC_0001.NEF'), image, source);
    expect(out.path).toBe(join(dir, 'out', 'DSC_0001.dng'));
    expect(dcrawRaw(out.path).equals(dcrawRaw(nef))).toBe(true);
    const info = execFileSync('dcraw', ['-i', '-v', out.path]).toString();
    expect(info).toMatch(/Filter pattern: RG\/GB/);
    const { ifds } = readTiffDirectories(new Uint8Array(await readFile(out.path)));
    const tags = ifds[0]!.entries;
    expect(tags.get(271)?.values).toBe('GR2R');
    expect(tags.get(50717)?.values).toEqual([3750]);
    expect(tags.get(50829)?.values).toEqual([0, CAMERA.masked, 96, 104]);
    expect(await sha256(nef)).toBe(before);
  });
});
