import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openBandReader, probeImage, readImage, writeImage } from '../../main/io';
import { geoTagsOfFile } from '../../main/io/geo-tags';
import { encodeIfd, ifdByteLength, type IfdEntry } from '../../main/io/tiff-ifd';
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
  const [format, bits] = samples instanceof Int16Array ? [5, 32] : [6, 64];
  const bytes = new Uint8Array(samples.buffer);
  const rowBytes = bytes.length / H;
  const strips = Math.ceil(H / ROWS_PER_STRIP);
  const tags = (at: number): IfdEntry[] => [
    { tag: 256, type: 'long', values: [W] }, { tag: 257, type: 'long', values: [H] }, { tag: 258, type: 'short', values: [bits] },
    { tag: 259, type: 'short', values: [compression] }, { tag: 262, type: 'short', values: [1] },
    { tag: 273, type: 'long', values: Array.from({ length: strips }, (_, s) => at + s * ROWS_PER_STRIP * rowBytes) },
    { tag: 277, type: 'short', values: [1] }, { tag: 278, type: 'long', values: [ROWS_PER_STRIP] },
    { tag: 279, type: 'long', values: Array.from({ length: strips }, (_, s) => Math.min(ROWS_PER_STRIP, H - s * ROWS_PER_STRIP) * rowBytes) },
    { tag: 339, type: 'short', values: [format] }, ...geo,
  ];
  const at = 8 + ifdByteLength(tags(0));
  return Buffer.concat([Buffer.from([0x49, 0x49, 42, 0, 8, 0, 0, 0]), encodeIfd(tags(at), 8), bytes]);
}

const intensity = (iq: ArrayLike<number>): number[] => Array.from({ length: iq.length / 2 }, (_, k) => iq[2 * k]! ** 2 + iq[2 * k + 1]! ** 2);

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
    for (const [name, iq] of [['slc cint16.tif', cint], ['slc-cfloat32.tif', cfloat]] as const) {
      const { image, source } = await readImage(join(dir, name));
      expect({ width: image.width, height: image.height, channels: image.channels }).toEqual({ width: W, height: H, channels: 1 });
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

  it('names a complex layout it cannot read', async () => {
    await expect(probeImage(join(dir, 'slc-deflate.tif'))).rejects.toThrow(/slc-deflate\.tif: compressed complex TIFFs are not supported/);
  });
});
