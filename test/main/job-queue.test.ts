import { describe, expect, it } from 'vitest';
import { JobManager } from '../../main/app/jobs';
import { fakeSpawner } from './fake-worker';

const train = (out: string) => ({ kind: 'train' as const, data: '/d', out, settings: {}, resume: true });
const scan = { kind: 'scan' as const, folder: '/data' };
const scanResult = { images: [], failures: [], ignored: 0 };
const quick = { pingEveryMs: 10, hungAfterMs: 60 };
/** Jobs the test leaves running are failed by dispose(): that rejection is expected, not unhandled. */
function quiet<T extends { done: Promise<unknown> }>(job: T): T {
  job.done.catch(() => undefined);
  return job;
}

describe('the job queue', () => {
  it('runs one training at a time, the next when the first ends; scans never wait', async () => {
    const { spawn, workers } = fakeSpawner();
    const jobs = new JobManager(spawn, 'auto', quick);
    const first = quiet(jobs.run(train('/m1')));
    const second = quiet(jobs.run(train('/m2')));
    const look = quiet(jobs.run(scan));
    expect(workers[0]!.runs().map((r) => r.jobId)).toEqual([first.id, look.id]);
    workers[0]!.answer({ type: 'failed', jobId: first.id, error: { code: 'failed', message: 'x' } });
    await first.done.catch(() => undefined);
    expect(workers[0]!.runs().map((r) => r.jobId)).toEqual([first.id, look.id, second.id]);
    workers[0]!.answer({ type: 'done', jobId: look.id, result: scanResult });
    await expect(look.done).resolves.toEqual(scanResult);
    jobs.dispose();
  });

  it('cancels a waiting job before it starts, without telling the worker', async () => {
    const { spawn, workers } = fakeSpawner();
    const jobs = new JobManager(spawn, 'auto', quick);
    quiet(jobs.run(train('/m1')));
    const waiting = quiet(jobs.run(train('/m2')));
    expect(jobs.cancel(waiting.id)).toBe(true);
    await expect(waiting.done).rejects.toMatchObject({ message: 'cancelled' });
    expect(workers[0]!.sent.some((m) => m.type === 'cancel')).toBe(false);
    jobs.dispose();
  });
});

describe('the worker watchdog', () => {
  it('pings a busy worker, kills one that stops answering, fails its job with a message, and the next job runs on a fresh worker', async () => {
    const { spawn, workers } = fakeSpawner();
    const jobs = new JobManager(spawn, 'auto', quick);
    const hung = quiet(jobs.run(train('/m1')));
    const waiting = quiet(jobs.run(train('/m2')));
    const error = await hung.done.catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'worker-crashed',
      message: expect.stringMatching(/stopped answering for \d+ s/),
    });
    expect(workers[0]!.sent.some((m) => m.type === 'ping')).toBe(true);
    expect(workers[0]!.killed).toBe(true);
    // The queued training was not lost: it went to a new worker.
    expect(workers).toHaveLength(2);
    expect(workers[1]!.runs().map((r) => r.jobId)).toEqual([waiting.id]);
    jobs.dispose();
  });

  it('leaves a worker that answers its pings alone, however long the job', async () => {
    const { spawn, workers } = fakeSpawner();
    const jobs = new JobManager(spawn, 'auto', quick);
    const job = quiet(jobs.run(scan));
    const worker = workers[0]!;
    const answering = setInterval(() => worker.answer({ type: 'pong' }), 5);
    await new Promise((resolve) => setTimeout(resolve, 250));
    clearInterval(answering);
    expect(worker.killed).toBe(false);
    worker.answer({ type: 'done', jobId: job.id, result: scanResult });
    await expect(job.done).resolves.toEqual(scanResult);
    jobs.dispose();
  });

  it('does not watch an idle worker', async () => {
    const { spawn, workers } = fakeSpawner();
    const jobs = new JobManager(spawn, 'auto', quick);
    const job = quiet(jobs.run(scan));
    workers[0]!.answer({ type: 'done', jobId: job.id, result: scanResult });
    await job.done;
    const pings = workers[0]!.sent.filter((m) => m.type === 'ping').length;
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(workers[0]!.sent.filter((m) => m.type === 'ping').length).toBe(pings);
    expect(workers[0]!.killed).toBe(false);
    jobs.dispose();
  });
});
