import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openBandReader, probeImage, readImage, writeImage } from '../../main/io';
import { geoTagsOfFile } from '../../main/io/geo-tags';
import type { IfdEntry } from '../../main/io/tiff-ifd';
import { stripTiff } from '../helpers/strip-tiff';
import { patternSamples, sha256, tempFolder } from './helpers';

const W = 24;
const H = 10;
const ROWS_PER_STRIP = 3;

const geo: IfdEntry[] = [
  { tag: 33550, type: 'double', values: [10, 10, 0] },
  { tag: 33922, type: 'double', values: [0, 0, 0, 500000, 4100000, 0] },
  { tag: 34735, type: 'short', values: [1, 1, 0, 3, 1024, 0, 1, 1, 1025, 0, 1, 1, 3072, 0, 1, 32633] },
];

/** An uncompressed stripped complex TIFF (SampleFormat 5 = complex integer, 6 = complex float), as SLC products are. */
function complexTiff(samples: Int16Array | Float32Array, compression = 1): Buffer {
  const [sampleFormat, bitsPerSample] = samples instanceof Int16Array ? [5, 32] : [6, 64];
  return stripTiff(
    { width: W, height: H, sampleFormat, bitsPerSample, rowsPerStrip: ROWS_PER_STRIP, compression, tags: geo },
    samples,
  );
}

const intensity = (iq: ArrayLike<number>): number[] =>
  Array.from({ length: iq.length / 2 }, (_, k) => iq[2 * k]! ** 2 + iq[2 * k + 1]! ** 2);

describe('complex (SLC) TIFF read as intensity', () => {
  let dir: string;
  const cint = Int16Array.from(patternSamples(2 * W * H, 600, 3), (v) => v - 300);
  const cfloat = Float32Array.from(patternSamples(2 * W * H, 1000, 4), (v) => (v - 500) / 64);
  beforeAll(async () => {
    dir = await tempFolder('gr2r-slc-');
    await writeFile(join(dir, 'slc cint16.tif'), complexTiff(cint));
    await writeFile(join(dir, 'slc-cfloat32.tif'), complexTiff(cfloat));
    await writeFile(join(dir, 'slc-deflate.tif'), complexTiff(cint, 8));
  });

  it('reads CInt16 and CFloat32 as one band of |z|² = re² + im², with a note and the geo tags', async () => {
    for (const [name, iq] of [
      ['slc cint16.tif', cint],
      ['slc-cfloat32.tif', cfloat],
    ] as const) {
      const { image, source } = await readImage(join(dir, name));
      expect({ width: image.width, height: image.height, channels: image.channels }).toEqual({
        width: W,
        height: H,
        channels: 1,
      });
      const expected = intensity(iq);
      image.data.forEach((v, k) => expect(v).toBeCloseTo(expected[k]!, 2));
      expect(source).toMatchObject({ format: 'tiff', bitDepth: 32 });
      expect(source.notes.join()).toMatch(/complex \(SLC\).*intensity/);
      expect(source.geoTags?.map((t) => t.tag).sort()).toEqual([33550, 33922, 34735]);
    }
  });

  it('reads bands of rows across strip boundaries, as the big-image path does', async () => {
    const reader = await openBandReader(join(dir, 'slc cint16.tif'));
    try {
      const { image } = await reader.readRows(2, 5);
      expect(Array.from(image.data)).toEqual(intensity(cint).slice(2 * W, 7 * W));
      expect(reader.source.notes.join()).toMatch(/complex/);
    } finally {
      await reader.close();
    }
  });

  it('writes the intensity as float32 GeoTIFF with the same georeferencing, the input untouched', async () => {
    const file = join(dir, 'slc cint16.tif');
    const before = await sha256(file);
    const { image, source } = await readImage(file);
    const out = await writeImage(join(dir, 'out.tif'), image, source);
    const back = await readImage(out.path);
    expect(Array.from(back.image.data)).toEqual(Array.from(image.data));
    expect(await geoTagsOfFile(out.path)).toEqual(await geoTagsOfFile(file));
    expect(await sha256(file)).toBe(before);
  });

  it('reads int16 and float64 TIFFs as float32 values, not rescaled, whole or by bands', async () => {
    const int16 = Int16Array.from(patternSamples(W * H, 4000, 5), (v) => v - 2000);
    const float64 = Float64Array.from(patternSamples(W * H, 1000, 6), (v) => v / 7 - 50);
    await writeFile(
      join(dir, 'dem-int16.tif'),
      stripTiff({ width: W, height: H, sampleFormat: 2, bitsPerSample: 16, rowsPerStrip: 4, tags: geo }, int16),
    );
    await writeFile(
      join(dir, 'f64.tif'),
      stripTiff({ width: W, height: H, sampleFormat: 3, bitsPerSample: 64 }, float64),
    );
    const a = await readImage(join(dir, 'dem-int16.tif'));
    expect(a.image.channels).toBe(1);
    expect(Array.from(a.image.data)).toEqual(Array.from(int16));
    expect(a.source.notes.join()).toMatch(/int16 samples read as float32 values/);
    expect(a.source.geoTags?.length).toBe(3);
    const b = await readImage(join(dir, 'f64.tif'));
    expect(Array.from(b.image.data)).toEqual(Array.from(Float32Array.from(float64)));
    const reader = await openBandReader(join(dir, 'dem-int16.tif'));
    try {
      expect(Array.from((await reader.readRows(3, 4)).image.data)).toEqual(Array.from(int16.slice(3 * W, 7 * W)));
    } finally {
      await reader.close();
    }
    const out = await writeImage(join(dir, 'dem-out.tif'), a.image, a.source);
    expect((await readImage(out.path)).source.bitDepth).toBe(32);
  });

  it('names a complex layout it cannot read', async () => {
    await expect(probeImage(join(dir, 'slc-deflate.tif'))).rejects.toThrow(
      /slc-deflate\.tif: compressed complex TIFFs are not supported/,
    );
  });
});
