import { mkdir, mkdtemp, readdir, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanFolder } from '../../main/io';
import { FolderRegistry } from '../../main/services/folders';
import { runCli } from '../cli/run-cli';
import { noisyPng, tinyModel } from './fixtures';
import { BATCH_RECORD } from '../../main/tasks/denoise/batch-outputs';

let dir: string;
let root: string;
let photos: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gr2r-links-'));
  root = join(dir, 'root');
  photos = join(root, 'photos');
  await mkdir(join(photos, 'inner'), { recursive: true });
  await mkdir(join(dir, 'private'));
  await noisyPng(join(dir, 'private', 'secret.png'), 32);
  await noisyPng(join(photos, 'a.png'), 32);
  await noisyPng(join(photos, 'inner', 'b.png'), 32);
  await symlink(join(dir, 'private', 'secret.png'), join(photos, 'leak.png'));
  await symlink(join(dir, 'private'), join(photos, 'leakdir'));
  await symlink(join(photos, 'a.png'), join(photos, 'alias.png'));
  await symlink(join(photos, 'loop1.png'), join(photos, 'loop2.png'));
  await symlink(join(photos, 'loop2.png'), join(photos, 'loop1.png'));
  await symlink(photos, join(photos, 'inner', 'up'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('links out of the chosen folder', () => {
  it('are not listed by a scan, each named with its reason; loops end with a reason too', async () => {
    for (const recursive of [false, true]) {
      const scan = await Promise.race([
        scanFolder(photos, { recursive }),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the scan hung')), 10_000)),
      ]);
      const listed = scan.images.map((p) => p.file.slice(photos.length + 1)).sort();
      expect(listed).toEqual(recursive ? ['a.png', 'alias.png', 'inner/b.png'] : ['a.png', 'alias.png']);
      const failed = Object.fromEntries(scan.failures.map((f) => [f.file.slice(photos.length + 1), f.reason]));
      expect(failed).toMatchObject({
        'leak.png': 'a link to outside the folder: skipped',
        leakdir: 'a link to outside the folder: skipped',
        'loop1.png': 'a loop of symbolic links',
        'loop2.png': 'a loop of symbolic links',
      });
    }
  });

  it('are not served by the image endpoint', async () => {
    const registry = new FolderRegistry();
    const ref = await registry.register(photos);
    await expect(registry.file(ref.id, 'leak.png')).rejects.toThrow(/leads outside/);
    await expect(registry.file(ref.id, 'alias.png')).resolves.toBe(join(photos, 'a.png'));
  });

  it('are not denoised: the secret is never read nor written anywhere', async () => {
    const clean = join(dir, 'clean');
    await mkdir(clean);
    await noisyPng(join(clean, 'a.png'), 32);
    await tinyModel(clean, join(dir, 'model'));
    const out = join(root, 'photos-denoised');
    const r = await runCli([
      'denoise',
      '--model',
      join(dir, 'model'),
      '--input',
      photos,
      '--output',
      out,
      '--mc',
      '1',
      '--backend',
      'wasm',
    ]);
    expect(r.stderr).toMatch(/failed .*leak\.png: a link to outside the folder: skipped/);
    expect((await readdir(out)).sort()).toEqual([BATCH_RECORD, 'a.png', 'alias.png']);
  }, 60_000);
});
