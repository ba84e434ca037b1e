import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printable } from '../../main/cli/printable';
import { scanFolder } from '../../main/io';
import { runCli } from '../cli/run-cli';
import type { Corpus } from './corpus';
import { writeCorpus } from './corpus';
import { noisyPng, tinyModel, tinyNet, treeHashes } from './fixtures';
import { BATCH_RECORD } from '../../main/tasks/denoise/batch-outputs';

let dir: string;
let input: string;
let corpus: Corpus;
let before: Record<string, string>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gr2r-corpus-'));
  input = join(dir, 'in');
  await mkdir(input);
  corpus = await writeCorpus(input);
  before = await treeHashes(input);
  for (const reason of corpus.skipped) console.warn(`bad-input corpus: skipped ${reason}`);
}, 60_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

/** The lines of `text` that name `file` (as the commands print it, control characters escaped), progress aside. */
const linesNaming = (text: string, file: string) =>
  text
    .split('\n')
    .filter((line) => !/^(\d+\/\d+|estimating \d+\/\d+) /.test(line) && line.includes(printable(join(input, file))));

/** Every bad file named on exactly one line; no raw control character reached the terminal; inputs unchanged. */
async function checkCommon(output: { stdout: string; stderr: string }, json = false): Promise<void> {
  for (const bad of corpus.bad) {
    expect(linesNaming(output.stderr, bad), `${bad}:\n${output.stderr}`).toHaveLength(1);
    if (!json) expect(linesNaming(output.stdout, bad), bad).toHaveLength(0);
  }
  for (const either of corpus.either) expect(linesNaming(output.stderr, either).length).toBeLessThanOrEqual(1);
  expect(`${output.stdout}${output.stderr}`).not.toMatch(/\u001b/);
  expect(await treeHashes(input)).toEqual(before);
}

describe('a folder of bad inputs', () => {
  it('gr2r estimate: one line per bad file, the good ones estimated', async () => {
    const r = await runCli(['estimate', input, '--noise', 'gaussian', '--json']);
    expect(r.code, r.stderr).toBe(1);
    await checkCommon(r, true);
    const report = JSON.parse(r.stdout) as { images: { name: string }[]; failures: { file: string }[] };
    for (const good of corpus.good) expect(report.images.map((e) => e.name)).toContain(join(input, good));
    for (const bad of corpus.bad) expect(report.failures.map((f) => f.file)).toContain(join(input, bad));
  }, 120_000);

  it('gr2r train: one line per bad file, trained on the good ones, nothing left behind', async () => {
    const out = join(dir, 'model');
    const r = await runCli([
      'train',
      '--data',
      input,
      '--noise',
      'gaussian',
      '--sigma',
      '0.1',
      '--steps',
      '2',
      ...tinyNet,
      '--out',
      out,
    ]);
    expect(r.code, r.stderr).toBe(0);
    await checkCommon(r);
    expect((await readdir(out)).filter((name) => name.startsWith('.'))).toEqual([]);
    expect((await readdir(dir)).filter((name) => name.startsWith('.'))).toEqual([]);
  }, 120_000);

  it('gr2r denoise: one line per bad file, the good ones written, no partial or temp file', async () => {
    const clean = join(dir, 'clean');
    await mkdir(clean);
    await noisyPng(join(clean, 'a.png'), 48);
    await tinyModel(clean, join(dir, 'denoiser'));
    const out = join(dir, 'out');
    const r = await runCli([
      'denoise',
      '--model',
      join(dir, 'denoiser'),
      '--input',
      input,
      '--output',
      out,
      '--mc',
      '1',
      '--backend',
      'wasm',
    ]);
    expect(r.code).toBe(1);
    await checkCommon(r);
    const written = await readdir(out);
    for (const good of corpus.good) expect(written).toContain(good);
    for (const bad of corpus.bad) expect(written).not.toContain(bad);
    // No temp file: only the batch record of what each output was made from.
    expect(written.filter((name) => name.startsWith('.'))).toEqual([BATCH_RECORD]);
    expect(written.length).toBeLessThanOrEqual(corpus.good.length + corpus.either.length + 1);
  }, 120_000);
});

describe('a folder where every file is bad', () => {
  it('estimate and train stop, naming each file on its own line, and say none was left', async () => {
    const only = join(dir, 'only-bad');
    await mkdir(only);
    for (const name of ['zero.png', 'notes.png', 'two\nlines.png'])
      await writeFile(join(only, name), name === 'zero.png' ? '' : 'text');
    const runs = [
      await runCli(['estimate', only, '--noise', 'gaussian']),
      await runCli([
        'train',
        '--data',
        only,
        '--noise',
        'gaussian',
        '--sigma',
        '0.1',
        '--steps',
        '2',
        ...tinyNet,
        '--out',
        join(dir, 'none'),
      ]),
    ];
    for (const r of runs) {
      expect(r.code).toBe(1);
      const lines = r.stderr.trim().split('\n');
      expect(lines.filter((l) => l.startsWith('skipped '))).toHaveLength(3);
      expect(lines).toContain(
        `skipped ${join(only, 'two\\nlines.png')}: not an image (the content is not PNG, JPEG or TIFF)`,
      );
      expect(lines.at(-1)).toMatch(/none of the 3 files could be/);
    }
  }, 60_000);
});

describe('a scan', () => {
  it('counts a truncated PNG or JPEG as unreadable from the start, not when a later step reads it', async () => {
    const scan = await scanFolder(input);
    const failed = new Map(scan.failures.map((f) => [f.file.slice(input.length + 1), f.reason]));
    expect(failed.get('truncated.png')).toBe('truncated or damaged: the file ends before its IEND chunk');
    expect(failed.get('truncated.jpg')).toBe('truncated or damaged: the file ends before its end-of-image marker');
    for (const good of corpus.good) expect(scan.images.map((p) => p.file)).toContain(join(input, good));
  });
});
