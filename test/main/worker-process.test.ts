import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forkWorker } from '../../main/app/fork-worker';
import { JobManager } from '../../main/app/jobs';
import { appPaths, sourceRoot } from '../../main/app/paths';
import type { WorkerHandle } from '../../main/app/worker-handle';
import { makeNoisyFolder } from '../e2e/noisy-folder';

const tiny = { net: { kind: 'dncnn' as const, width: 8, depth: 3 }, patch: 32, batch: 2, checkpointEvery: 1000 };
let dir: string;
let data: string;
const handles: WorkerHandle[] = [];
const spawn = () => {
  const handle = forkWorker(appPaths(sourceRoot, false).worker)();
  handles.push(handle);
  return handle;
};
const jobs = new JobManager(spawn, 'wasm');

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gr2r-worker-'));
  data = join(dir, 'noisy');
  await makeNoisyFolder(data, 2);
});

afterAll(async () => {
  jobs.dispose();
  await rm(dir, { recursive: true, force: true });
});

describe('the compute worker, as a real child process', () => {
  it('scans a folder, listing the damaged file with its reason', async () => {
    const scan = await jobs.run({ kind: 'scan', folder: data }).done;
    expect(scan.images.map((i) => i.file)).toEqual(['astronaut.tif', 'chelsea.png']);
    expect(scan.images[0]).toMatchObject({ width: 64, height: 64, channels: 3, bitDepth: 32, format: 'tiff' });
    expect(scan.failures).toEqual([{ file: 'broken.png', reason: expect.stringMatching(/header|damaged/) }]);
    expect(scan.ignored).toBe(1);
  });

  it('estimates the noise level of the folder blind, close to the true sigma', async () => {
    const report = await jobs.run({ kind: 'estimate', data, family: 'gaussian', amplitude: false }).done;
    expect(report.pooled.family).toBe('gaussian');
    expect(report.pooled.family === 'gaussian' && report.pooled.sigma).toBeCloseTo(0.1, 1);
    expect(report.warnings.some((w) => w.startsWith('broken.png'))).toBe(true);
  });

  it('stops training between steps on cancel, and saves a model that can resume', async () => {
    const out = join(dir, 'model-cancel');
    let cancelled = false;
    const job = jobs.run(
      {
        kind: 'train',
        data,
        out,
        noise: { family: 'gaussian', sigma: 0.1 },
        settings: { ...tiny, steps: 5000 },
        resume: false,
      },
      {
        onProgress: (update) => {
          if (!cancelled && update.kind === 'train' && update.progress.step >= 2) cancelled = jobs.cancel(job.id);
        },
      },
    );
    const result = await job.done;
    expect(result.cancelled).toBe(true);
    expect(result.meta.step).toBeGreaterThanOrEqual(2);
    // Within a few steps, not at the next evaluation (every 50): the loop never yields to read messages.
    expect(result.meta.step).toBeLessThan(40);
    expect(JSON.parse(await readFile(join(out, 'gr2r.json'), 'utf8')).step).toBe(result.meta.step);
    expect(jobs.backend?.name).toBe('wasm');
    // onnxruntime's CPU runtime ships inside its package: it, not the wasm backend, runs the network.
    expect(jobs.backend?.engines).toEqual({ training: 'onnxruntime', inference: 'onnxruntime' });
  });

  it('reports a killed worker as a failed job; the next job runs in a fresh worker', async () => {
    let killed = false;
    const job = jobs.run(
      {
        kind: 'train',
        data,
        out: join(dir, 'model-crash'),
        noise: { family: 'gaussian', sigma: 0.1 },
        settings: { ...tiny, steps: 5000 },
        resume: false,
      },
      {
        onProgress: () => {
          if (!killed) process.kill(handles.at(-1)!.pid!, 'SIGKILL');
          killed = true;
        },
      },
    );
    await expect(job.done).rejects.toMatchObject({
      code: 'worker-crashed',
      message: expect.stringContaining('SIGKILL'),
    });
    const before = handles.length;
    const scan = await jobs.run({ kind: 'scan', folder: data }).done;
    expect(scan.images).toHaveLength(2);
    expect(handles.length).toBe(before + 1);
  });
});
