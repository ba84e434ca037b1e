import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { unpackedPath } from '../../main/io/unpacked-path';

let dir: string | undefined;
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('LibRaw in the packaged app', () => {
  it('loads from app.asar.unpacked when resolved inside app.asar', async () => {
    dir = await mkdtemp(join(tmpdir(), 'gr2r libraw-'));
    const dist = dirname(createRequire(import.meta.url).resolve('libraw-wasm'));
    const unpacked = join(dir, 'resources', 'app.asar.unpacked', 'node_modules', 'libraw-wasm', 'dist');
    await mkdir(unpacked, { recursive: true });
    for (const f of ['libraw.js', 'libraw.js.map', 'libraw.wasm']) await copyFile(join(dist, f), join(unpacked, f));
    const resolved = unpackedPath(join(dir, 'resources', 'app.asar', 'node_modules', 'libraw-wasm', 'dist'));
    expect(resolved).toBe(unpacked);
    expect(unpackedPath(dist)).toBe(dist);
    const factory = (await import(pathToFileURL(join(resolved, 'libraw.js')).href)) as {
      default: (o: object) => Promise<{ LibRaw: new () => { delete(): void } }>;
    };
    const module = await factory.default({
      wasmBinary: await readFile(join(resolved, 'libraw.wasm')),
      print: () => {},
      printErr: () => {},
    });
    const instance = new module.LibRaw();
    instance.delete();
  });
});
