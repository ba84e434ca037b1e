import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeImage } from '../../main/engine/image';
import { numberedName, readImage, writeFileAtomic, writeImage } from '../../main/io';
import { sha256, tempFolder } from './helpers';

let dir: string;
beforeAll(async () => {
  dir = await tempFolder();
});

const source = { file: 'in.png', format: 'png', bitDepth: 8, width: 4, height: 2, channels: 1, notes: [] } as const;
const shade = (v: number): ReturnType<typeof makeImage> => makeImage(2, 4, 1, new Float32Array(8).fill(v));

describe('writes never overwrite unless asked', () => {
  it('numbers the name on a clash, keeps the first file, overwrites only on request', async () => {
    const target = join(dir, 'out.png');
    const first = await writeImage(target, shade(0.2), source);
    const hash = await sha256(first.path);
    const second = await writeImage(target, shade(0.6), source);
    const third = await writeImage(target, shade(0.8), source);
    expect([first.path, second.path, third.path]).toEqual([target, join(dir, 'out-1.png'), join(dir, 'out-2.png')]);
    expect(await sha256(target)).toBe(hash);
    const replaced = await writeImage(target, shade(1), source, { overwrite: true });
    expect(replaced.path).toBe(target);
    expect((await readImage(target)).image.data[0]).toBe(1);
    expect((await readdir(dir)).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('gives the file the extension of the format written', async () => {
    const out = await writeImage(join(dir, 'as-tiff.png'), shade(0.5), source, { format: 'tiff', bitDepth: 16 });
    expect(out.path).toBe(join(dir, 'as-tiff.tif'));
    expect((await readImage(out.path)).source).toMatchObject({ format: 'tiff', bitDepth: 16 });
    expect((await writeImage(join(dir, 'noext'), shade(0.5), source)).path).toBe(join(dir, 'noext.png'));
  });

  it('numberedName keeps the extension', () => {
    expect(numberedName('/a/b/photo.tif', 3)).toBe('/a/b/photo-3.tif');
    expect(numberedName('/a/b/photo.tif', 0)).toBe('/a/b/photo.tif');
  });

  it('a failed write names the file and leaves nothing behind', async () => {
    const missing = join(dir, 'no such folder', 'out.png');
    await expect(writeFileAtomic(missing, [new Uint8Array(4)])).rejects.toThrow(`${missing}: no such file or folder`);
    await expect(
      writeImage(join(dir, 'bad.jpg'), shade(0.5), source, { format: 'jpeg', bitDepth: 16 }),
    ).rejects.toThrow(/bad\.jpg: JPEG cannot hold 16-bit data/);
    expect((await readdir(dir)).filter((f) => f.startsWith('.') || f.startsWith('bad'))).toEqual([]);
  });
});
