import { join } from 'node:path';
import { fromFile, writeArrayBuffer } from 'geotiff';
import { writeFile } from 'node:fs/promises';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeImage } from '../../main/engine/image';
import { readImage, writeImage } from '../../main/io';
import { sha256, tempFolder } from './helpers';

let dir: string;
beforeAll(async () => {
  dir = await tempFolder();
});

const W = 37;
const H = 23;
/** Values no integer format holds: negative, large, tiny, fractional. */
const values = Float32Array.from({ length: W * H }, (_, i) => (i % 7 === 0 ? -3.25 : Math.exp(Math.sin(i) * 12)));

describe('float32 TIFF', () => {
  it('reads values as they are and writes them back bit for bit, geo keys, tie points, pixel scale and no-data kept', async () => {
    const input = join(dir, 'scene.tif');
    const geo = writeArrayBuffer(values, {
      width: W,
      height: H,
      ModelPixelScale: [10, 10, 0],
      ModelTiepoint: [0, 0, 0, 500000, 4100000, 0],
      ProjectedCSTypeGeoKey: 32633,
      GTModelTypeGeoKey: 1,
      GTRasterTypeGeoKey: 1,
      GDAL_NODATA: '-9999',
    });
    await writeFile(input, new Uint8Array(geo));
    const before = await sha256(input);
    const { image, source } = await readImage(input);
    expect([source.bitDepth, source.format, image.channels, source.noData]).toEqual([32, 'tiff', 1, -9999]);
    expect(Array.from(image.data)).toEqual(Array.from(values));
    const out = await writeImage(join(dir, 'scene-out.tif'), image, source);
    expect(out.clipped).toBe(0);
    const tiff = await fromFile(out.path);
    const written = await tiff.getImage();
    expect(Array.from((await written.readRasters({ interleave: true })) as Float32Array)).toEqual(Array.from(values));
    expect(written.getGeoKeys()).toMatchObject({
      ProjectedCSTypeGeoKey: 32633,
      GTModelTypeGeoKey: 1,
      GTRasterTypeGeoKey: 1,
    });
    expect([written.getOrigin(), written.getResolution(), written.getGDALNoData()]).toEqual([
      [500000, 4100000, 0],
      [10, -10, 0],
      -9999,
    ]);
    await tiff.close();
    expect(await sha256(input)).toBe(before);
  });

  it('writes a plain float raster with no made-up georeference, readable by libtiff too', async () => {
    const data = Float32Array.from({ length: W * H * 3 }, (_, i) => i / 7 - 20);
    const image = makeImage(H, W, 3, data);
    const source = { file: 'x', format: 'tiff', bitDepth: 32, width: W, height: H, channels: 3, notes: [] } as const;
    const out = await writeImage(join(dir, 'rgb-float.tif'), image, source);
    const tiff = await fromFile(out.path);
    expect((await tiff.getImage()).getGeoKeys()).toBeNull();
    await tiff.close();
    const raw = await sharp(out.path).toColourspace('scrgb').raw({ depth: 'float' }).toBuffer();
    expect(Array.from(new Float32Array(raw.buffer, raw.byteOffset, raw.length / 4))).toEqual(Array.from(data));
    const back = await readImage(out.path);
    expect(Array.from(back.image.data)).toEqual(Array.from(data));
  });

  it('a 16-bit GeoTIFF keeps its georeference and no-data (scaled like its pixels)', async () => {
    const input = join(dir, 'dem16.tif');
    const heights = Uint16Array.from({ length: W * H }, (_, i) => (i * 977) % 65536);
    await writeFile(
      input,
      new Uint8Array(
        writeArrayBuffer(heights, {
          width: W,
          height: H,
          ModelPixelScale: [30, 30, 0],
          ModelTiepoint: [0, 0, 0, 300000, 5000000, 0],
          ProjectedCSTypeGeoKey: 32632,
          GTModelTypeGeoKey: 1,
          GDAL_NODATA: '65535',
        }),
      ),
    );
    const { image, source } = await readImage(input);
    expect([source.bitDepth, source.noData]).toEqual([16, 1]);
    const out = await writeImage(join(dir, 'dem16-out.tif'), image, source);
    const tiff = await fromFile(out.path);
    const written = await tiff.getImage();
    expect(written.getGeoKeys()).toMatchObject({ ProjectedCSTypeGeoKey: 32632 });
    expect([written.getOrigin(), written.getResolution(), written.getGDALNoData()]).toEqual([
      [300000, 5000000, 0],
      [30, -30, 0],
      65535,
    ]);
    expect(Array.from((await written.readRasters({ interleave: true })) as Uint16Array)).toEqual(Array.from(heights));
    await tiff.close();
    // As float32, no-data is restated in the units of the values written.
    const asFloat = await fromFile((await writeImage(join(dir, 'dem32.tif'), image, source, { bitDepth: 32 })).path);
    expect([(await asFloat.getImage()).getGDALNoData(), (await asFloat.getImage()).getOrigin()]).toEqual([
      1,
      [300000, 5000000, 0],
    ]);
    await asFloat.close();
  });

  it('says how many values a 16-bit output had to clip', async () => {
    const image = makeImage(H, W, 1, values);
    const source = { file: 'x', format: 'tiff', bitDepth: 32, width: W, height: H, channels: 1, notes: [] } as const;
    const out = await writeImage(join(dir, 'as16.tif'), image, source, { bitDepth: 16 });
    expect(out.clipped).toBeGreaterThan(0);
    expect(out.notes.join()).toMatch(/clipped to fit 16-bit TIFF/);
    expect((await sharp(out.path).metadata()).depth).toBe('ushort');
  });
});
