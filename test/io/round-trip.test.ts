import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { readImage, writeImage } from '../../main/io';
import { patternSamples, sample, sha256, tempFolder } from './helpers';

let dir: string;
beforeAll(async () => {
  dir = await tempFolder();
});

async function rawOf(file: string, depth: 'uchar' | 'ushort'): Promise<number[]> {
  const space =
    (await sharp(file).metadata()).channels <= 2
      ? depth === 'ushort'
        ? 'grey16'
        : 'b-w'
      : depth === 'ushort'
        ? 'rgb16'
        : 'srgb';
  const { data } = await sharp(file).toColourspace(space).raw({ depth }).toBuffer({ resolveWithObject: true });
  return depth === 'ushort'
    ? Array.from(new Uint16Array(data.buffer, data.byteOffset, data.length / 2))
    : Array.from(data);
}

describe('8-bit PNG and JPEG', () => {
  it('reads gray PNG in [0,1] and writes back the same bytes of pixels', async () => {
    const input = sample('camera.png');
    const before = await sha256(input);
    const { image, source } = await readImage(input);
    expect([image.height, image.width, image.channels, source.bitDepth, source.format]).toEqual([
      512,
      512,
      1,
      8,
      'png',
    ]);
    expect(image.data.every((v) => v >= 0 && v <= 1 && Math.abs(v * 255 - Math.round(v * 255)) < 1e-4)).toBe(true);
    const out = await writeImage(join(dir, 'camera.png'), image, source);
    expect(out.clipped).toBe(0);
    expect(await rawOf(out.path, 'uchar')).toEqual(await rawOf(input, 'uchar'));
    expect(await sha256(input)).toBe(before);
  });

  it('reads RGB JPEG and writes 8-bit JPEG of the same size', async () => {
    const { image, source } = await readImage(sample('rocket.jpg'));
    expect([image.channels, source.bitDepth, source.format]).toEqual([3, 8, 'jpeg']);
    const out = await writeImage(join(dir, 'rocket.jpg'), image, source);
    const meta = await sharp(out.path).metadata();
    expect([meta.format, meta.depth, meta.width, meta.height]).toEqual(['jpeg', 'uchar', 640, 427]);
  });
});

describe('16-bit PNG and TIFF keep every value', () => {
  const cases = [
    { name: 'gray16.png', channels: 1 as const, space: 'grey16' as const },
    { name: 'gray-alpha16.png', channels: 2 as const, space: 'grey16' as const },
    { name: 'rgba16.png', channels: 4 as const, space: 'rgb16' as const },
    { name: 'rgb16.tif', channels: 3 as const, space: 'rgb16' as const },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const samples = Uint16Array.from(patternSamples(40 * 30 * c.channels, 65535, c.channels));
      const input = join(dir, `in-${c.name}`);
      const encoder = sharp(samples, { raw: { width: 40, height: 30, channels: c.channels } }).toColourspace(c.space);
      await (c.name.endsWith('.png') ? encoder.png() : encoder.tiff({ compression: 'deflate' })).toFile(input);
      const { image, source } = await readImage(input);
      const hasAlpha = c.channels % 2 === 0;
      expect([source.bitDepth, image.channels, source.alpha !== undefined]).toEqual([
        16,
        hasAlpha ? c.channels - 1 : c.channels,
        hasAlpha,
      ]);
      const out = await writeImage(join(dir, `out-${c.name}`), image, source);
      expect((await sharp(out.path).metadata()).depth).toBe('ushort');
      expect(await rawOf(out.path, 'ushort')).toEqual(Array.from(samples));
    });
  }
});

describe('8-bit gray + alpha PNG', () => {
  it('reads as gray with its alpha kept aside, and writes both back', async () => {
    const samples = Uint8Array.from(patternSamples(40 * 30 * 2, 255, 2));
    const input = join(dir, 'in-gray-alpha8.png');
    await sharp(samples, { raw: { width: 40, height: 30, channels: 2 } })
      .toColourspace('b-w')
      .png()
      .toFile(input);
    expect((await sharp(input).metadata()).channels).toBe(2);
    const { image, source } = await readImage(input);
    expect([source.bitDepth, image.channels, source.alpha !== undefined]).toEqual([8, 1, true]);
    expect(Array.from(image.data, (v) => Math.round(255 * v))).toEqual(
      Array.from(samples.filter((_, i) => i % 2 === 0)),
    );
    const out = await writeImage(join(dir, 'out-gray-alpha8.png'), image, source);
    const meta = await sharp(out.path).metadata();
    expect([meta.channels, meta.depth, meta.hasAlpha]).toEqual([2, 'uchar', true]);
    const again = await readImage(out.path);
    expect(Array.from(again.image.data)).toEqual(Array.from(image.data));
    expect(again.source.alpha).toEqual(source.alpha);
  });
});

describe('values an integer format cannot hold', () => {
  it('are clipped, counted and noted, or refused with strictRange', async () => {
    const { image, source } = await readImage(sample('camera.png'));
    const data = Float32Array.from(image.data);
    data[0] = 1.5;
    data[1] = -0.2;
    data[2] = Number.NaN;
    const shifted = { ...image, data };
    const out = await writeImage(join(dir, 'clipped.png'), shifted, source);
    expect(out.clipped).toBe(3);
    expect(out.notes.join()).toMatch(/3 of 262144 values .* clipped to fit 8-bit PNG/);
    await expect(writeImage(join(dir, 'strict.png'), shifted, source, { strictRange: true })).rejects.toThrow(
      /strict\.png: 3 of/,
    );
    expect((await readdir(dir)).filter((f) => f.startsWith('strict') || f.endsWith('.tmp'))).toEqual([]);
  });
});
