import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { folderArgument } from '../../main/electron/folder-argument';

describe('a folder on the command line or from the OS', () => {
  let root = '';
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'gr2r-args-'));
    await mkdir(join(root, 'beach'));
    await writeFile(join(root, 'beach', 'readme.txt'), 'notes');
    await writeFile(join(root, 'beach', 'IMG_0001.jpg'), 'not decoded here');
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('is the first argument naming a folder; flags, other files and missing paths are skipped', () => {
    const args = ['--no-sandbox', join(root, 'beach', 'readme.txt'), join(root, 'missing'), join(root, 'beach'), root];
    expect(folderArgument(args)).toBe(join(root, 'beach'));
    expect(folderArgument(['--inspect', '--original-process-start-time=1'])).toBeUndefined();
  });

  it('an image opened with the app opens its folder', () => {
    expect(folderArgument([join(root, 'beach', 'IMG_0001.jpg')])).toBe(join(root, 'beach'));
  });

  it("a second launch's relative path is taken from that launch's folder, not this process's", () => {
    expect(folderArgument(['beach'], undefined, root)).toBe(join(root, 'beach'));
    expect(folderArgument(['.'], undefined, join(root, 'beach'))).toBe(resolve(root, 'beach'));
  });
});
