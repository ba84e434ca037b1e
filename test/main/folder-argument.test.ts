import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { folderArgument } from '../../main/electron/folder-argument';

describe('a folder on the command line', () => {
  it('is the first argument naming a folder; flags and files are skipped', () => {
    const folders = new Set([resolve('/photos/beach'), resolve('/sar')]);
    const isFolder = (p: string) => folders.has(p);
    expect(folderArgument(['--no-sandbox', '/photos/readme.txt', '/photos/beach', '/sar'], isFolder)).toBe(resolve('/photos/beach'));
    expect(folderArgument(['--inspect'], isFolder)).toBeUndefined();
    expect(folderArgument([import.meta.dirname])).toBe(import.meta.dirname);
  });
});
