import { ExifTool } from 'exiftool-vendored';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readImage, writeImage } from '../../main/io';
import { sample, sha256, tempFolder } from './helpers';

let dir: string;
const reader = new ExifTool({ maxProcs: 1 });
beforeAll(async () => {
  dir = await tempFolder();
});
afterAll(() => reader.end());

const photo = sample('hubble_deep_field.jpg'); // Adobe RGB profile, EXIF and XMP from Photoshop

describe('metadata', () => {
  it('JPEG and 16-bit TIFF outputs keep EXIF, XMP and the ICC profile; strip removes them', async () => {
    const tiffIn = join(dir, 'photo16.tif');
    await sharp(photo).toColourspace('rgb16').tiff({ compression: 'deflate' }).toFile(tiffIn);
    // sharp writes no EXIF into TIFF: give the test input its tags the way a photo editor would have.
    await reader.write(
      tiffIn,
      {},
      { writeArgs: ['-tagsFromFile', photo, '-all:all', '-icc_profile', '-overwrite_original'] },
    );
    const before = await sha256(photo);
    for (const input of [photo, tiffIn]) {
      const { image, source } = await readImage(input);
      // libvips reports no EXIF block for TIFF, whose EXIF lives in its own tags.
      expect(source.embedded).toEqual(
        expect.arrayContaining(input === photo ? ['exif', 'icc', 'xmp'] : ['icc', 'xmp']),
      );
      const out = await writeImage(join(dir, `kept-${input.endsWith('.tif') ? 'a.tif' : 'a.jpg'}`), image, source);
      expect(out.notes.join()).toMatch(/metadata copied/);
      const tags = await reader.read(out.path);
      expect([tags.ICCProfileName, tags.Software, tags.XMPToolkit !== undefined]).toEqual([
        'Adobe RGB (1998)',
        'Adobe Photoshop CS5 Macintosh',
        true,
      ]);
    }
    const { image, source } = await readImage(photo);
    const stripped = await writeImage(join(dir, 'stripped.jpg'), image, source, { metadata: 'strip' });
    const tags = await reader.read(stripped.path);
    expect([tags.ICCProfileName, tags.Software, tags.XMPToolkit]).toEqual([undefined, undefined, undefined]);
    expect(await sha256(photo)).toBe(before);
  });

  it('honours the EXIF orientation: pixels upright, output tagged 1', async () => {
    const input = join(dir, 'rotated.jpg');
    const stored = Buffer.alloc(40 * 20 * 3, 40);
    stored.fill(250, 0, 3); // the stored top-left pixel is bright
    await sharp(stored, { raw: { width: 40, height: 20, channels: 3 } })
      .withMetadata({ orientation: 6 })
      .jpeg({ quality: 100 })
      .toFile(input);
    const { image, source } = await readImage(input);
    expect([image.width, image.height, source.orientation]).toEqual([20, 40, 6]);
    expect(source.notes.join()).toMatch(/orientation 6 applied/);
    // Orientation 6 turns the stored image 90 degrees clockwise: its top-left lands top-right.
    expect(image.data[(20 - 1) * 3]).toBeGreaterThan(0.8);
    const out = await writeImage(join(dir, 'upright.jpg'), image, source);
    const meta = await sharp(out.path).metadata();
    expect([meta.width, meta.height, meta.orientation ?? 1]).toEqual([20, 40, 1]);
  });

  it('converts CMYK to RGB, with a note, and keeps an RGB image in its own colour space', async () => {
    const cmyk = join(dir, 'cmyk.jpg');
    await sharp(sample('rocket.jpg')).toColourspace('cmyk').jpeg().toFile(cmyk);
    const read = await readImage(cmyk);
    expect([read.image.channels, read.source.notes.join()]).toEqual([3, 'CMYK converted to RGB']);
    const out = await writeImage(join(dir, 'from-cmyk.jpg'), read.image, read.source);
    expect((await sharp(out.path).metadata()).space).toBe('srgb');
    const p3 = join(dir, 'p3.png');
    await sharp(sample('chelsea.png')).withIccProfile('p3').png().toFile(p3);
    const { image } = await readImage(p3);
    const raw = await sharp(p3).keepIccProfile().raw().toBuffer();
    expect(Array.from(image.data.subarray(0, 300), (v) => Math.round(v * 255))).toEqual(
      Array.from(raw.subarray(0, 300)),
    );
  });
});
