import { chmod, copyFile, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { noisyPng } from './fixtures';

function pngChunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A valid PNG header declaring 100000 x 100000 gray pixels with almost no data: a decompression bomb's shape. */
export function pngBomb(): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(100_000, 0);
  ihdr.writeUInt32BE(100_000, 4);
  ihdr.set([8, 0, 0, 0, 0], 8);
  return Buffer.concat([
    PNG_SIGNATURE,
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(Buffer.alloc(1000))),
    pngChunk('IEND', new Uint8Array()),
  ]);
}

/** A little-endian TIFF whose one IFD declares 100000 x 100000 8-bit gray pixels in one 10-byte strip. */
export function tiffBomb(): Buffer {
  const entries: [number, number, number][] = [
    [256, 4, 100_000],
    [257, 4, 100_000],
    [258, 3, 8],
    [259, 3, 1],
    [262, 3, 1],
    [273, 4, 0],
    [277, 3, 1],
    [278, 4, 100_000],
    [279, 4, 10],
  ];
  const ifdSize = 2 + entries.length * 12 + 4;
  const dataAt = 8 + ifdSize;
  const out = Buffer.alloc(dataAt + 10);
  out.write('II', 0, 'latin1');
  out.writeUInt16LE(42, 2);
  out.writeUInt32LE(8, 4);
  out.writeUInt16LE(entries.length, 8);
  entries.forEach(([tag, type, value], i) => {
    const at = 10 + i * 12;
    out.writeUInt16LE(tag, at);
    out.writeUInt16LE(type, at + 2);
    out.writeUInt32LE(1, at + 4);
    if (type === 3) out.writeUInt16LE(value, at + 8);
    else out.writeUInt32LE(tag === 273 ? dataAt : value, at + 8);
  });
  return out;
}

/** A real JPEG whose frame header (SOF0) is rewritten to claim 65000 x 65000 pixels. */
export async function jpegBomb(): Promise<Buffer> {
  const jpeg = Buffer.from(
    await sharp({ create: { width: 16, height: 16, channels: 3, background: 'gray' } })
      .jpeg()
      .toBuffer(),
  );
  for (let i = 2; i < jpeg.length - 9; i++) {
    if (jpeg[i] === 0xff && (jpeg[i + 1] === 0xc0 || jpeg[i + 1] === 0xc2)) {
      jpeg.writeUInt16BE(65_000, i + 5);
      jpeg.writeUInt16BE(65_000, i + 7);
      return jpeg;
    }
  }
  throw new Error('no SOF marker in the generated JPEG');
}

/** A valid 48x48 PNG carrying a 9 MB text chunk before its pixels. */
export async function pngWithHugeMetadata(): Promise<Buffer> {
  const png = await sharp(Buffer.alloc(48 * 48 * 3, 120), { raw: { width: 48, height: 48, channels: 3 } })
    .png()
    .toBuffer();
  const ihdrEnd = 8 + 8 + 13 + 4;
  const text = Buffer.concat([Buffer.from('Comment\0', 'latin1'), Buffer.alloc(9 << 20, 0x41)]);
  return Buffer.concat([png.subarray(0, ihdrEnd), pngChunk('tEXt', text), png.subarray(ihdrEnd)]);
}

export interface Corpus {
  /** File names that must each get one line naming them, and no output. */
  readonly bad: readonly string[];
  /** File names that must be processed. */
  readonly good: readonly string[];
  /** Names that may go either way (read or refused), but only once. */
  readonly either: readonly string[];
  /** Why a case was left out on this machine. */
  readonly skipped: readonly string[];
}

/** Writes the bad-input corpus into `dir` (every file generated here). */
export async function writeCorpus(dir: string): Promise<Corpus> {
  const good = ['good one.png', 'ph\noto ü.png', 'zwei.tif'];
  await noisyPng(join(dir, good[0]!), 64, 3, 1);
  await noisyPng(join(dir, good[1]!), 64, 3, 2);
  await sharp(await readFile(join(dir, good[0]!)))
    .toColourspace('grey16')
    .tiff({ compression: 'none' })
    .toFile(join(dir, good[2]!));
  const png = await readFile(join(dir, good[0]!));
  const tiff = await readFile(join(dir, good[2]!));
  const jpeg = await sharp(png).jpeg().toBuffer();
  const files: Record<string, Buffer | string> = {
    'zero.png': '',
    'zero.tif': '',
    'truncated.png': png.subarray(0, Math.floor(png.length * 0.6)),
    'truncated.jpg': jpeg.subarray(0, Math.floor(jpeg.length / 2)),
    'truncated.tif': tiff.subarray(0, Math.floor(tiff.length / 2)),
    'bomb.png': pngBomb(),
    'bomb.tif': tiffBomb(),
    'bomb.jpg': await jpegBomb(),
    'notes.png': 'not a picture\n',
    'esc\u001b[31mred.png': 'not a picture either\n',
  };
  for (const [name, body] of Object.entries(files)) await writeFile(join(dir, name), body);
  await writeFile(join(dir, 'metadata.png'), await pngWithHugeMetadata());
  await symlink(join(dir, 'loop-b.png'), join(dir, 'loop-a.png'));
  await symlink(join(dir, 'loop-a.png'), join(dir, 'loop-b.png'));
  const bad = [...Object.keys(files), 'loop-a.png', 'loop-b.png'];
  const skipped: string[] = [];
  if (process.getuid?.() === 0) {
    skipped.push('unreadable.png: running as root, which reads a chmod 000 file anyway');
  } else {
    await copyFile(join(dir, good[0]!), join(dir, 'unreadable.png'));
    await chmod(join(dir, 'unreadable.png'), 0o000);
    bad.push('unreadable.png');
  }
  return { bad, good, either: ['metadata.png'], skipped };
}
