// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { useAppStore } from '../../renderer/src/stores/app';
import { useDatasetStore } from '../../renderer/src/stores/dataset';
import { useJobsStore } from '../../renderer/src/stores/jobs';
import { useNoiseStore } from '../../renderer/src/stores/noise';
import { electronInfo, installFakeBridge } from './fake-bridge';
import { dataset, folder } from './samples';

const progress = (step: number) => ({
  phase: 'training' as const,
  step,
  total: 10,
  loss: 1 / step,
  estPsnr: step > 5 ? 22 : null,
  etaMs: 100,
});
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => setActivePinia(createPinia()));

describe('the jobs store', () => {
  it('builds each job from its updates, even when they arrive before jobs:start answers', async () => {
    const bridge = installFakeBridge({ 'jobs:start': () => ({ jobId: 'j1' }) });
    const jobs = useJobsStore();
    jobs.listen();
    bridge.emit('job:update', { type: 'started', jobId: 'j1', kind: 'train' });
    bridge.emit('job:update', { type: 'train-progress', jobId: 'j1', progress: progress(1) });
    expect(await jobs.start({ kind: 'resume', datasetId: folder.id, modelId: 'm', steps: 10 })).toBe('j1');
    bridge.emit('job:update', { type: 'train-progress', jobId: 'j1', progress: progress(2) });
    bridge.emit('job:update', {
      type: 'failed',
      jobId: 'j1',
      kind: 'train',
      error: { code: 'worker-crashed', message: 'out of memory' },
    });
    const job = await jobs.settled('j1');
    expect(job).toMatchObject({ kind: 'train', status: 'failed', error: { code: 'worker-crashed' } });
    expect(job.history.map((p) => p.step)).toEqual([1, 2]);
    expect(jobs.running).toHaveLength(0);
  });

  it('ignores events that do not match the contract', () => {
    const bridge = installFakeBridge({});
    const jobs = useJobsStore();
    jobs.listen();
    bridge.emit('job:update', { type: 'train-progress', jobId: 'j', progress: { step: 'many' } } as never);
    expect(jobs.jobs).toEqual({});
  });
});

describe('the dataset store', () => {
  it('chooses a folder with the native dialog, scans it and sums it up', async () => {
    const bridge = installFakeBridge({
      'app:info': () => electronInfo,
      'folder:choose': () => folder,
      'dataset:scan': () => dataset,
    });
    await useAppStore().load();
    const store = useDatasetStore();
    await store.choose();
    expect(bridge.channels()).toEqual(['app:info', 'folder:choose', 'dataset:scan']);
    expect(bridge.calls[1]!.request).toEqual({ purpose: 'dataset' });
    expect(store.totals).toMatchObject({
      count: 2,
      bytes: 100_000,
      bitDepths: [16, 32],
      channels: [3],
      smallest: [64, 48],
      largest: [128, 96],
    });
    expect(store.ready).toBe(true);
  });

  it('shows a failure as a notice and keeps what it had', async () => {
    installFakeBridge({
      'dataset:scan': () => ({ ok: false, error: { code: 'not-found', message: 'that folder is no longer known' } }),
    });
    const store = useDatasetStore();
    await store.scan(folder.id);
    expect(store.summary).toBeNull();
    expect(useAppStore().notices[0]).toMatchObject({ kind: 'error', text: 'that folder is no longer known' });
  });
});

describe('the noise store', () => {
  it('starts on the automatic choice, ready to train; makes a spec from the values, and says what is missing', () => {
    installFakeBridge({});
    const noise = useNoiseStore();
    expect(noise.family).toBe('auto');
    expect(noise.spec).toEqual({ family: 'auto' });
    expect(noise.problem).toBeNull();
    noise.family = 'correlated';
    expect(noise.spec).toEqual({ family: 'correlated' });
    noise.family = 'gaussian';
    expect(noise.spec).toBeNull();
    expect(noise.problem).toMatch(/standard deviation/);
    noise.setValue('sigma', 0.05);
    expect(noise.spec).toEqual({ family: 'gaussian', sigma: 0.05 });
    noise.family = 'poissongaussian';
    noise.setValue('a', 0.01);
    expect(noise.problem).toMatch(/read-noise variance/);
    noise.family = 'gamma';
    noise.setValue('looks', 4);
    expect(noise.problem).toBeNull();
  });

  it('takes the estimate unless the user typed a value, which then overrides it', async () => {
    const report = {
      images: [],
      warnings: ['noise looks correlated'],
      pooled: {
        family: 'poisson' as const,
        gain: 0.02,
        a: 0.021,
        b: 0.0004,
        spread: 0.05,
        uncertainty: 0.01,
        count: 2,
        outliers: [],
      },
    };
    const bridge = installFakeBridge({ 'jobs:start': () => ({ jobId: 'e1' }) });
    const jobs = useJobsStore();
    jobs.listen();
    const noise = useNoiseStore();
    noise.family = 'poissongaussian';
    const running = noise.runEstimate(folder.id);
    await flush();
    expect(noise.estimating).toBe(true);
    bridge.emit('job:update', { type: 'done', jobId: 'e1', result: { kind: 'estimate', report } });
    await running;
    expect(bridge.calls[0]!.request).toMatchObject({ kind: 'estimate', family: 'poisson' });
    expect(noise.spec).toEqual({ family: 'poissongaussian', a: 0.021, b: 0.0004 });
    noise.setValue('a', 0.03);
    expect(noise.spec).toEqual({ family: 'poissongaussian', a: 0.03, b: 0.0004 });
    noise.useEstimate();
    expect(noise.origin.poissongaussian).toBe('estimate');
  });
});

describe('a drop on the window', () => {
  const png = () => new File(['x'], 'a.png', { type: 'image/png' });

  it('in Electron, opens the folder main registered, says the dataset is the whole folder, and shows the Dataset step', async () => {
    const bridge = installFakeBridge({ 'dataset:scan': () => dataset }, () => ({
      ok: true,
      value: { folder, files: ['a.png'] },
    }));
    const app = useAppStore();
    app.view = 'compare';
    await useDatasetStore().drop([png()]);
    expect(bridge.channels()).toEqual(['dataset:scan']);
    expect(useDatasetStore().folderId).toBe(folder.id);
    expect(app.view).toBe('dataset');
    expect(app.notices.at(-1)?.text).toMatch(
      /^Opened noisy, the folder of the file dropped: the dataset is the whole folder \(\d+ images?\)/,
    );
  });

  it("in Electron, shows main's refusal and opens nothing", async () => {
    const bridge = installFakeBridge({}, () => ({
      ok: false,
      error: { code: 'invalid-request', message: 'the files dropped come from 2 folders' },
    }));
    await useDatasetStore().drop([png()]);
    expect(bridge.channels()).toEqual([]);
    expect(useAppStore().notices.at(-1)).toMatchObject({
      kind: 'error',
      text: 'the files dropped come from 2 folders',
    });
  });

  it('in a browser, says why it cannot, and opens the picker over the served folders', async () => {
    const listing = { root: 'root', path: '', parent: null, folders: [], images: 0 };
    const bridge = installFakeBridge({ 'folder:browse': () => listing });
    void useDatasetStore().drop([png()]);
    await flush();
    expect(useAppStore().notices.at(-1)?.text).toMatch(
      /A browser does not tell the page where dropped files are on disk/,
    );
    expect(bridge.channels()).toEqual(['folder:browse']);
  });
});
