import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FolderRegistry } from '../../main/services/folders';
import { RootChooser } from '../../main/services/root-chooser';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gr2r-folders-'));
  await mkdir(join(dir, 'root', 'photos', 'raw'), { recursive: true });
  await mkdir(join(dir, 'secret'));
  await writeFile(join(dir, 'secret', 'key.png'), 'secret');
  await writeFile(join(dir, 'root', 'photos', 'a.png'), 'a');
  await symlink(join(dir, 'secret'), join(dir, 'root', 'photos', 'escape'));
  await symlink(join(dir, 'secret', 'key.png'), join(dir, 'root', 'photos', 'key.png'));
});

describe('folder ids', () => {
  it('name only files inside the folder chosen, after links are followed', async () => {
    const folders = new FolderRegistry();
    const ref = await folders.register(join(dir, 'root', 'photos'));
    expect(ref.id).toMatch(/^[a-z0-9-]+$/);
    expect(await folders.file(ref.id, 'a.png')).toBe(join(dir, 'root', 'photos', 'a.png'));
    await expect(folders.file(ref.id, '../../secret/key.png')).rejects.toMatchObject({ code: 'forbidden' });
    await expect(folders.file(ref.id, 'key.png')).rejects.toMatchObject({ code: 'forbidden' });
    await expect(folders.file(ref.id, 'missing.png')).rejects.toMatchObject({ code: 'not-found' });
    await expect(folders.file('00000000-0000-0000-0000-000000000000', 'a.png')).rejects.toMatchObject({
      code: 'not-found',
    });
  });

  it('are stable for a folder registered twice', async () => {
    const folders = new FolderRegistry();
    const a = await folders.register(join(dir, 'root', 'photos'));
    const b = await folders.register(join(dir, 'root', 'photos', '.'));
    expect(a.id).toBe(b.id);
  });
});

describe('the browser folder picker', () => {
  it('lists and chooses folders inside its root only', async () => {
    const chooser = await RootChooser.create(join(dir, 'root'));
    const top = await chooser.browse('');
    expect(top).toMatchObject({ root: 'root', path: '', parent: null, folders: [{ name: 'photos', path: 'photos' }] });
    const photos = await chooser.browse('photos');
    expect(photos.folders.map((f) => f.name)).toEqual(['raw']);
    expect(photos.images).toBe(2);
    expect(await chooser.choose('dataset', 'photos/raw')).toBe(join(dir, 'root', 'photos', 'raw'));
    for (const outside of ['..', '../secret', 'photos/escape', '/etc', join(dir, 'secret')]) {
      await expect(chooser.choose('dataset', outside)).rejects.toMatchObject({
        code: expect.stringMatching(/forbidden|not-found/),
      });
    }
    expect(chooser.allows(join(dir, 'root', 'photos'))).toBe(true);
    expect(chooser.allows(dir)).toBe(false);
  });
});
