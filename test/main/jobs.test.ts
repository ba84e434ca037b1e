import { describe, expect, it } from 'vitest';
import { JobManager } from '../../main/app/jobs';
import { AppFailure } from '../../main/shared/result';
import { fakeSpawner } from './fake-worker';

const scan = { kind: 'scan' as const, folder: '/data' };
const scanResult = { images: [], failures: [{ file: 'a.png', reason: 'damaged' }], ignored: 0 };

describe('the job manager (with a worker in memory)', () => {
  it('starts the worker on the first job, with the backend choice, and resolves with the checked result', async () => {
    const { spawn, workers } = fakeSpawner();
    const jobs = new JobManager(spawn, 'wasm');
    const job = jobs.run(scan);
    expect(workers).toHaveLength(1);
    expect(workers[0]!.sent[0]).toEqual({ type: 'init', backend: 'wasm' });
    expect(workers[0]!.runs()[0]).toMatchObject({
      jobId: job.id,
      task: scan,
      cancelFile: expect.stringContaining(job.id),
    });
    workers[0]!.answer({ type: 'done', jobId: job.id, result: scanResult });
    await expect(job.done).resolves.toEqual(scanResult);
  });

  it('relays progress and notes, and reports the backend', async () => {
    const { spawn, workers } = fakeSpawner();
    const jobs = new JobManager(spawn);
    const seen: unknown[] = [];
    const backends: unknown[] = [];
    jobs.onBackend((report) => backends.push(report));
    const job = jobs.run(
      { kind: 'train', data: '/d', out: '/m', settings: {}, resume: true },
      { onProgress: (p) => seen.push(p), onNote: (n) => seen.push(n) },
    );
    const progress = { phase: 'training', step: 1, total: 5, loss: 0.1, estPsnr: null, etaMs: 40 } as const;
    workers[0]!.answer({
      type: 'ready',
      backend: { name: 'wasm', skipped: [{ name: 'tensorflow', reason: 'not installed' }] },
    });
    workers[0]!.answer({ type: 'progress', jobId: job.id, update: { kind: 'train', progress } });
    workers[0]!.answer({ type: 'note', jobId: job.id, message: 'alpha set to 0.25' });
    expect(seen).toEqual([{ kind: 'train', progress }, 'alpha set to 0.25']);
    expect(jobs.backend?.name).toBe('wasm');
    expect(backends).toHaveLength(1);
  });

  it('turns a malformed result into a failed job, and ignores malformed messages', async () => {
    const { spawn, workers } = fakeSpawner();
    const jobs = new JobManager(spawn);
    const job = jobs.run(scan);
    workers[0]!.answer({ type: 'progress', jobId: job.id, update: { kind: 'train', progress: { step: 'x' } } });
    workers[0]!.answer({ type: 'nonsense' });
    workers[0]!.answer({ type: 'done', jobId: job.id, result: { images: 'all of them' } });
    await expect(job.done).rejects.toMatchObject({ code: 'internal' });
  });

  it('reports a crash of the worker as failed jobs and starts a fresh worker for the next job', async () => {
    const { spawn, workers } = fakeSpawner();
    const jobs = new JobManager(spawn);
    const first = jobs.run(scan);
    const second = jobs.run(scan);
    workers[0]!.die('signal SIGKILL');
    for (const job of [first, second]) {
      const error = await job.done.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppFailure);
      expect(error).toMatchObject({ code: 'worker-crashed', message: expect.stringContaining('signal SIGKILL') });
    }
    expect(jobs.busy).toBe(false);
    const third = jobs.run(scan);
    expect(workers).toHaveLength(2);
    workers[1]!.answer({ type: 'done', jobId: third.id, result: scanResult });
    await expect(third.done).resolves.toEqual(scanResult);
  });

  it('forwards cancel to the worker, and says false for a job it does not know', () => {
    const { spawn, workers } = fakeSpawner();
    const jobs = new JobManager(spawn);
    const job = jobs.run(scan);
    expect(jobs.cancel(job.id)).toBe(true);
    expect(workers[0]!.sent.at(-1)).toEqual({ type: 'cancel', jobId: job.id });
    expect(jobs.cancel('no-such-job')).toBe(false);
  });

  it('passes a failure from the worker through with its code', async () => {
    const { spawn, workers } = fakeSpawner();
    const jobs = new JobManager(spawn);
    const job = jobs.run(scan);
    workers[0]!.answer({ type: 'failed', jobId: job.id, error: { code: 'failed', message: 'x.png: damaged' } });
    await expect(job.done).rejects.toMatchObject({ code: 'failed', message: 'x.png: damaged' });
  });

  it('applies a new backend choice with a fresh worker, once the running jobs are over', async () => {
    const { spawn, workers } = fakeSpawner();
    const jobs = new JobManager(spawn);
    const job = jobs.run(scan);
    jobs.setBackendChoice('cpu');
    expect(workers[0]!.killed).toBe(false);
    workers[0]!.answer({ type: 'done', jobId: job.id, result: scanResult });
    await job.done;
    expect(workers[0]!.killed).toBe(true);
    jobs.run(scan);
    expect(workers[1]!.sent[0]).toEqual({ type: 'init', backend: 'cpu' });
  });
});
