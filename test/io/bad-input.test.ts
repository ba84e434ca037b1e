import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { readImage, scanFolder } from '../../main/io';
import { pngBomb } from '../security/corpus';
import { sample, sha256, tempFolder } from './helpers';

let dir: string;
const hashes = new Map<string, string>();
const bad: Record<string, RegExp> = {
  'empty.png': /empty \(0 bytes\)/,
  'truncated.png': /truncated or damaged/,
  'truncated.jpg': /truncated or damaged/,
  'truncated.tif': /truncated or damaged/,
  'notes.png': /not an image/,
  'huge.png': /100000x100000 .* over the limit/,
  'anim.gif': /GIF is not supported/,
};

beforeAll(async () => {
  dir = await tempFolder('gr2r io bad ünïcode ');
  const camera = await readFile(sample('camera.png'));
  const rocket = await readFile(sample('rocket.jpg'));
  const tiff = await sharp(camera).toColourspace('grey16').tiff({ compression: 'none' }).toBuffer();
  await writeFile(join(dir, 'empty.png'), '');
  await writeFile(join(dir, 'truncated.png'), camera.subarray(0, Math.floor(camera.length * 0.6)));
  await writeFile(join(dir, 'truncated.jpg'), rocket.subarray(0, Math.floor(rocket.length / 2)));
  await writeFile(join(dir, 'truncated.tif'), tiff.subarray(0, Math.floor(tiff.length / 2)));
  await writeFile(join(dir, 'notes.png'), 'these are my notes, not a picture\n');
  await writeFile(join(dir, 'huge.png'), pngBomb());
  await sharp({ create: { width: 4, height: 4, channels: 3, background: 'red' } })
    .gif()
    .toFile(join(dir, 'anim.gif'));
  await copyFile(sample('camera.png'), join(dir, 'good photo.png'));
  await sharp({ create: { width: 1, height: 1, channels: 4, background: { r: 0, g: 128, b: 255, alpha: 0.5 } } })
    .png()
    .toFile(join(dir, 'one pixel.png'));
  await writeFile(join(dir, 'README.txt'), 'not an image, not named like one');
  for (const name of [...Object.keys(bad), 'good photo.png', 'one pixel.png'])
    hashes.set(name, await sha256(join(dir, name)));
});

describe('bad inputs', () => {
  for (const [name, reason] of Object.entries(bad)) {
    it(`${name}: one clear error naming the file`, async () => {
      const file = join(dir, name);
      const error = await readImage(file).then(
        () => undefined,
        (e: unknown) => e as Error,
      );
      expect(error?.message.startsWith(`${file}: `)).toBe(true);
      expect(error?.message).toMatch(reason);
      expect(error?.message.split('\n')).toHaveLength(1);
    });
  }

  it('a lower pixel limit refuses a good image before decoding it', async () => {
    await expect(readImage(join(dir, 'good photo.png'), { maxPixels: 1000 })).rejects.toThrow(
      /512x512 .* over the limit/,
    );
  });

  it('a 1x1 RGBA image reads, alpha kept aside', async () => {
    const { image, source } = await readImage(join(dir, 'one pixel.png'));
    expect([image.height, image.width, image.channels]).toEqual([1, 1, 3]);
    expect(Array.from(source.alpha?.data ?? [])).toEqual([128]);
  });

  it('a folder scan lists good images and the bad ones with reasons, and changes no input', async () => {
    const scan = await scanFolder(dir);
    const name = (f: string): string => f.slice(dir.length + 1);
    expect(scan.images.map((i) => name(i.file))).toEqual(['good photo.png', 'one pixel.png']);
    // Headers, and the last bytes of PNG and JPEG (their closing marker): a file cut short is refused here.
    expect(scan.failures.map((f) => name(f.file))).toEqual([
      'anim.gif',
      'empty.png',
      'huge.png',
      'notes.png',
      'truncated.jpg',
      'truncated.png',
      'truncated.tif',
    ]);
    expect(scan.failures.every((f) => bad[name(f.file)].test(f.reason))).toBe(true);
    expect(scan.ignored.map(name)).toEqual(['README.txt']);
    for (const [file, hash] of hashes) expect(await sha256(join(dir, file))).toBe(hash);
  });
});
