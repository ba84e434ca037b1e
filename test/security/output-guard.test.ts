import { mkdir, mkdtemp, readdir, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkOutputFolder } from '../../main/io/output-guard';
import { runCli } from '../cli/run-cli';
import { noisyPng, tinyModel, treeHashes } from './fixtures';
import { BATCH_RECORD } from '../../main/tasks/denoise/batch-outputs';

let dir: string;
let photos: string;
let model: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gr2r-guard-'));
  photos = join(dir, 'photos');
  await mkdir(join(photos, 'sub'), { recursive: true });
  await noisyPng(join(photos, 'a.png'), 40);
  await noisyPng(join(photos, 'b.png'), 40, 1, 2);
  await noisyPng(join(photos, 'sub', 'c.png'), 40);
  model = join(dir, 'model');
  await tinyModel(photos, model);
}, 120_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

const denoise = (input: string, output: string, ...more: string[]) =>
  runCli([
    'denoise',
    '--model',
    model,
    '--input',
    input,
    '--output',
    output,
    '--mc',
    '1',
    '--backend',
    'wasm',
    ...more,
  ]);

describe('an output folder never is, holds or sits inside an input folder', () => {
  it('refuses every such pair from the command line, and the originals stay as they were', async () => {
    await symlink(photos, join(dir, 'link-to-photos'));
    const before = await treeHashes(photos);
    const pairs: [string, string, RegExp][] = [
      [photos, photos, /is the input folder/],
      [join(photos, 'a.png'), photos, /is the input folder/],
      [photos, join(photos, 'sub'), /is inside the input folder/],
      [photos, join(photos, 'new', 'deeper'), /is inside the input folder/],
      [join(photos, 'sub'), photos, /holds the input folder/],
      [photos, join(dir, 'link-to-photos'), /is the input folder/],
      [join(dir, 'link-to-photos'), join(photos, 'out'), /is inside the input folder/],
    ];
    for (const [input, output, reason] of pairs) {
      const r = await denoise(input, output, '--overwrite');
      expect(r.code, `${input} -> ${output}`).not.toBe(0);
      expect(r.stderr).toMatch(reason);
      expect(await treeHashes(photos)).toEqual(before);
    }
  });

  it('writes into a folder beside the inputs, and a second run reads only the originals', async () => {
    const before = await treeHashes(photos);
    const out = join(dir, 'photos-denoised');
    const first = await denoise(photos, out);
    expect(first.code).toBe(0);
    expect((await readdir(out)).sort()).toEqual([BATCH_RECORD, 'a.png', 'b.png']);
    const second = await denoise(photos, out, '--overwrite');
    expect(second.code).toBe(0);
    expect((await readdir(out)).sort()).toEqual([BATCH_RECORD, 'a.png', 'b.png']);
    expect(await treeHashes(photos)).toEqual(before);
  }, 60_000);

  it('resolves folders that do not exist yet through the links of their existing parents', async () => {
    await expect(checkOutputFolder([photos], join(dir, 'link-to-photos', 'x', 'y'))).rejects.toThrow(
      /is inside the input folder/,
    );
    await expect(checkOutputFolder([join(photos, 'a.png')], join(dir, 'elsewhere'))).resolves.toBeUndefined();
    // One file as input: only its own folder is refused; a folder below it holds no other input of the run.
    await expect(checkOutputFolder([join(photos, 'a.png')], join(photos, 'sub'))).resolves.toBeUndefined();
    await expect(checkOutputFolder([join(photos, 'a.png')], join(dir, 'link-to-photos'))).rejects.toThrow(
      /is the input folder/,
    );
  });
});

describe('leftovers of a killed run', () => {
  it("are removed at the start of the next run: only the app's temp names, only from before it started", async () => {
    const out = join(dir, 'out-leftovers');
    await mkdir(out);
    const old = new Date(Date.now() - 3600_000);
    const stale = '.a.png.99999999-0badf00d.tmp';
    const fresh = '.b.png.99999998-0badf00d.tmp';
    const staleFolder = '.model.tmp-99999997-0badf00d';
    for (const name of [stale, fresh, '.notes.tmp', 'mine.tmp']) await writeFile(join(out, name), 'x');
    await mkdir(join(out, staleFolder));
    for (const name of [stale, '.notes.tmp', 'mine.tmp', staleFolder]) await utimes(join(out, name), old, old);
    // A temp file newer than this process may belong to another run still writing: it stays.
    const r = await denoise(join(photos, 'a.png'), out);
    expect(r.code).toBe(0);
    expect((await readdir(out)).sort()).toEqual([fresh, '.notes.tmp', BATCH_RECORD, 'a.png', 'mine.tmp'].sort());
  }, 60_000);
});
