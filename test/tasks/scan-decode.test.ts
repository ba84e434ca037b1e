import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeImage } from '../../main/io';
import type { WorkerProgress } from '../../main/shared/worker-messages';
import { scanTask } from '../../main/worker/tasks/scan';
import { scene } from './helpers';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gr2r scan-'));
  const image = scene(64, 64, 3);
  await writeImage(join(dir, 'good.png'), image, {
    file: 'good.png',
    format: 'png',
    bitDepth: 8,
    width: 64,
    height: 64,
    channels: 3,
    notes: [],
  });
  const whole = await readFile(join(dir, 'good.png'));
  await writeFile(join(dir, 'truncated.png'), whole.subarray(0, Math.floor(whole.length / 2)));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('the Dataset step', () => {
  it('decodes every file: a truncated PNG (its header reads) is unreadable, with the reason, and progress is reported', async () => {
    const progress: WorkerProgress[] = [];
    const context = {
      signal: new AbortController().signal,
      backend: undefined,
      progress: (p: WorkerProgress) => progress.push(p),
      note: () => {},
    };
    const scan = await scanTask({ kind: 'scan', folder: dir }, context);
    expect(scan.images.map((i) => i.file)).toEqual(['good.png']);
    expect(scan.failures).toEqual([{ file: 'truncated.png', reason: expect.stringMatching(/truncated or damaged/) }]);
    expect(progress.map((p) => (p.kind === 'scan' ? `${p.progress.done}/${p.progress.total}` : p.kind))).toEqual([
      '0/1',
      '1/1',
    ]);
  });
});
