import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Arch, build, Platform, type Configuration } from 'electron-builder';
import { afterAll, describe, expect, it } from 'vitest';
import { unpackedPath } from '../../main/io/unpacked-path';

const root = join(import.meta.dirname, '../..');
// js-yaml and @electron/asar come with electron-builder: required from its own folder, however npm laid it out.
const builder = createRequire(createRequire(join(root, 'package.json')).resolve('app-builder-lib/package.json'));
const yaml = builder('js-yaml') as { load(text: string): unknown };
const asar = builder('@electron/asar') as { listPackage(archive: string, options: object): string[] };

const work = await mkdtemp(join(tmpdir(), 'gr2r-pack-'));
// The package holds the build output: a fresh clone has none, so build it as `npm run dist` would.
if (!existsSync(join(root, 'out', 'main', 'index.js')))
  execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'ignore' });
afterAll(() => rm(work, { recursive: true, force: true }));

/** Electron cannot be downloaded here: a stand-in folder with an `electron` file is enough to pack the app. */
async function standInElectron(): Promise<string> {
  const dist = join(work, 'electron');
  await mkdir(join(dist, 'resources'), { recursive: true });
  await writeFile(join(dist, 'electron'), '#!/bin/sh\n');
  await chmod(join(dist, 'electron'), 0o755);
  await writeFile(join(dist, 'version'), '38.0.0');
  return dist;
}

describe('the Linux package (electron-builder.yml, packed with a stand-in Electron)', () => {
  it('holds only Linux onnxruntime binaries, no sources, and libraw-wasm unpacked and loadable', async () => {
    const config = yaml.load(await readFile(join(root, 'electron-builder.yml'), 'utf8')) as Configuration &
      Record<string, unknown>;
    const output = join(work, 'dist');
    await build({
      projectDir: root,
      targets: Platform.LINUX.createTarget('dir', Arch.x64),
      // Fuses are flipped in Electron's binary, which the stand-in is not (test/security/electron-fuses.test.ts).
      config: {
        ...config,
        electronFuses: null,
        electronDist: await standInElectron(),
        directories: { ...config.directories, output },
      },
    });
    const resources = join(output, 'linux-unpacked', 'resources');
    const listed = asar.listPackage(join(resources, 'app.asar'), {}).map((p) => p.split('\\').join('/'));
    const platforms = new Set(
      listed.map((p) => /onnxruntime-node\/bin\/napi-v\d+\/([^/]+)/.exec(p)?.[1]).filter(Boolean),
    );
    expect([...platforms]).toEqual(['linux']);
    expect(listed).toContain('/package.json');
    expect(listed.filter((p) => /^\/(main|test|bench|renderer|docs|\.git)\//.test(p))).toEqual([]);

    const dist = join(resources, 'app.asar', 'node_modules', 'libraw-wasm', 'dist');
    const onDisk = unpackedPath(dist, '/');
    expect(onDisk).toBe(join(resources, 'app.asar.unpacked', 'node_modules', 'libraw-wasm', 'dist'));
    expect((await stat(join(onDisk, 'libraw.wasm'))).size).toBeGreaterThan(100_000);
    // Loaded as the worker loads it (io/dng/libraw-raw.ts), in a plain Node process: module by URL, wasm by bytes.
    const load = `const m = await import(${JSON.stringify(pathToFileURL(join(onDisk, 'libraw.js')).href)});
      const wasmBinary = (await import('node:fs')).readFileSync(${JSON.stringify(join(onDisk, 'libraw.wasm'))});
      const l = await m.default({ wasmBinary, print() {}, printErr() {} }); console.log(typeof new l.LibRaw());`;
    expect(execFileSync(process.execPath, ['--input-type=module', '-e', load], { encoding: 'utf8' }).trim()).toBe(
      'object',
    );
  });
});
