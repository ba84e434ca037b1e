import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { intensityOf, type ComplexRows } from '../../main/engine/sar/complex-rows';
import { openBandReader, readImage } from '../../main/io';
import { geoTagsOfFile } from '../../main/io/geo-tags';
import { stripTiff } from '../helpers/strip-tiff';
import { correlatedSlc, lagCorrelation } from '../engine/sar/correlated-slc';
import { tempFolder } from './helpers';

const size = 256;

/** A CFloat32 SLC of Hamming-weighted single-look speckle, stripped as SLC products are, georeferenced. */
function slcTiff(z: ComplexRows): Buffer {
  const iq = new Float32Array(2 * size * size);
  for (let k = 0; k < size * size; k++) {
    iq[2 * k] = z.re[k]!;
    iq[2 * k + 1] = z.im[k]!;
  }
  const tags = [
    { tag: 33550, type: 'double' as const, values: [10, 10, 0] },
    { tag: 33922, type: 'double' as const, values: [0, 0, 0, 5e5, 4.1e6, 0] },
  ];
  return stripTiff({ width: size, height: size, sampleFormat: 6, bitsPerSample: 64, rowsPerStrip: 7, tags }, iq);
}

describe('SLC TIFF read as whitened intensity', () => {
  let file: string;
  const z = correlatedSlc(size, 1, 21, 100);
  beforeAll(async () => {
    file = join(await tempFolder('gr2r-white-'), 'slc.tif');
    await writeFile(file, slcTiff(z));
  });

  it('whitens before forming intensity: same grid, mean kept, lag-1 correlation near 0, said in the notes', async () => {
    const { image, source } = await readImage(file);
    expect([image.width, image.height, image.channels]).toEqual([size, size, 1]);
    expect(Math.abs(lagCorrelation(image.data, size, size, 0, 1))).toBeLessThan(0.05);
    expect(Math.abs(lagCorrelation(image.data, size, size, 1, 0))).toBeLessThan(0.05);
    const mean = image.data.reduce((s, v) => s + v, 0) / image.data.length;
    const raw = intensityOf(z);
    expect(mean / (raw.reduce((s, v) => s + v, 0) / raw.length)).toBeCloseTo(1, 2);
    expect(lagCorrelation(raw, size, size, 0, 1)).toBeGreaterThan(0.3);
    expect(source.notes.join()).toMatch(
      /spectrally whitened \(range and azimuth envelopes divided out\) before intensity/,
    );
    expect(source.geoTags?.map((t) => t.tag).sort()).toEqual([33550, 33922]);
    expect(await geoTagsOfFile(file)).toHaveLength(2);
  });

  it('gives the same values band by band as whole', async () => {
    const whole = (await readImage(file)).image.data;
    const reader = await openBandReader(file);
    try {
      expect(reader.source.notes.join()).toMatch(/whitened/);
      for (const [top, rows] of [
        [0, 50],
        [50, 100],
        [150, 106],
      ] as const) {
        const { image } = await reader.readRows(top, rows);
        expect(Array.from(image.data)).toEqual(Array.from(whole.subarray(top * size, (top + rows) * size)));
      }
    } finally {
      await reader.close();
    }
  });
});
