// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import TrainProgressPanel from '../../renderer/src/components/TrainProgressPanel.vue';
import { beforeEach, describe, expect, it } from 'vitest';
import { useCompareStore } from '../../renderer/src/stores/compare';
import { useDatasetStore } from '../../renderer/src/stores/dataset';
import { useJobsStore } from '../../renderer/src/stores/jobs';
import { useModelsStore } from '../../renderer/src/stores/models';
import { useNoiseStore } from '../../renderer/src/stores/noise';
import { useTrainingStore } from '../../renderer/src/stores/training';
import { installFakeBridge } from './fake-bridge';
import { userSettingsSchema } from '../../main/shared/settings';
import { DEFAULT_AMOUNT } from '../../main/shared/amount';
import { dataset, folder, model } from './samples';

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

describe('the training store', () => {
  it('needs a dataset and a noise model, then starts with the settings shown and selects the model made', async () => {
    const bridge = installFakeBridge({ 'jobs:start': () => ({ jobId: 't1' }) });
    useJobsStore().listen();
    const training = useTrainingStore();
    expect(training.blocked).toMatch(/dataset/);
    useDatasetStore().summary = dataset;
    expect(training.blocked).toBeNull();
    useNoiseStore().family = 'gaussian';
    expect(training.blocked).toMatch(/standard deviation/);
    useNoiseStore().setValue('sigma', 0.1);
    expect(training.blocked).toBeNull();
    training.applyPreset('fast');
    training.settings = { ...training.settings, steps: 10 };
    expect(training.custom).toBe(true);
    const started = training.start();
    await flush();
    bridge.emit('job:update', { type: 'train-progress', jobId: 't1', progress: progress(3) });
    expect(training.running).toBe(true);
    expect(training.history).toHaveLength(1);
    bridge.emit('job:update', {
      type: 'done',
      jobId: 't1',
      result: { kind: 'train', model: model('m1'), cancelled: false, failures: [] },
    });
    await started;
    expect(bridge.calls[0]!.request).toMatchObject({
      kind: 'train',
      datasetId: folder.id,
      noise: { family: 'gaussian', sigma: 0.1 },
      settings: { steps: 10, net: { kind: 'dncnn' } },
    });
    expect(useModelsStore().selectedId).toBe('m1');
    expect(training.history).toHaveLength(1);
  });

  it('trains SAR amplitude files as such when the data are declared amplitude', async () => {
    const bridge = installFakeBridge({
      'jobs:start': () => ({ ok: false, error: { code: 'failed', message: 'stop here' } }),
    });
    useDatasetStore().summary = dataset;
    const noise = useNoiseStore();
    noise.family = 'gamma';
    noise.setValue('looks', 4);
    noise.sarDomain = 'amplitude';
    await useTrainingStore().start();
    expect(bridge.calls[0]!.request).toMatchObject({
      kind: 'train',
      noise: { family: 'gamma', looks: 4 },
      amplitude: true,
    });
  });

  it('resumes the selected model to at least its planned steps, keeping the earlier curve', async () => {
    const bridge = installFakeBridge({ 'jobs:start': () => ({ jobId: `r${bridge.calls.length}` }) });
    useJobsStore().listen();
    useDatasetStore().summary = dataset;
    const models = useModelsStore();
    models.upsert(model('m2', { step: 4, totalSteps: 10 }));
    models.select('m2');
    const training = useTrainingStore();
    expect(training.canResume).toBe(true);
    const resumed = training.resume(6);
    await flush();
    expect(bridge.calls[0]!.request).toEqual({ kind: 'resume', datasetId: folder.id, modelId: 'm2', steps: 10 });
    bridge.emit('job:update', {
      type: 'done',
      jobId: 'r1',
      result: { kind: 'train', model: model('m2'), cancelled: false, failures: [] },
    });
    await resumed;
  });
});

describe('the compare store', () => {
  it('shows the preview of the image on screen, and the denoised file once the folder is done', async () => {
    const bridge = installFakeBridge({
      'jobs:start': (r) => ({ jobId: r.kind }),
      'settings:update': (patch) => ({ ...userSettingsSchema.parse({}), ...patch }),
    });
    useJobsStore().listen();
    useDatasetStore().summary = dataset;
    useModelsStore().upsert(model('m1'));
    useModelsStore().select('m1');
    const compare = useCompareStore();
    expect(compare.before).toEqual({ folderId: folder.id, file: 'a.tif' });
    const crop = { x: 0, y: 0, width: 32, height: 32 };
    const preview = compare.preview(crop);
    await flush();
    bridge.emit('job:update', {
      type: 'done',
      jobId: 'preview',
      result: { kind: 'preview', file: 'a.tif', crop, after: { folderId: 'previews-01', file: 'p.png' }, ms: 10 },
    });
    await preview;
    expect(compare.after).toMatchObject({ ref: { file: 'p.png' }, crop });
    const all = compare.denoiseAll();
    await flush();
    const output = { id: 'output-0001', name: 'noisy-denoised', path: '/photos/noisy-denoised' };
    bridge.emit('job:update', {
      type: 'done',
      jobId: 'denoise',
      result: {
        kind: 'denoise',
        output,
        cancelled: false,
        failures: [],
        written: [{ input: 'a.tif', output: 'a.tif' }],
      },
    });
    await all;
    expect(compare.after).toEqual({
      ref: { folderId: output.id, file: 'a.tif' },
      crop: null,
      like: { folderId: folder.id, file: 'a.tif' },
    });
    expect(bridge.calls[1]!.request).toEqual({
      kind: 'denoise',
      datasetId: folder.id,
      modelId: 'm1',
      outputId: undefined,
      sar: undefined,
      amount: DEFAULT_AMOUNT,
      format: { kind: 'keep' },
    });
    // The slider moved after the export: the file written at 100% no longer stands for it, the preview does.
    void compare.setAmount(60);
    await flush();
    expect(compare.after).toMatchObject({ ref: { file: 'p.png' }, crop });
    useModelsStore().select(null);
    expect(compare.after).toBeNull();
  });
});

describe('the amount', () => {
  it('is remembered in the settings, re-blends the preview on screen, and goes with "Denoise all"', async () => {
    const saved: unknown[] = [];
    const bridge = installFakeBridge({
      'jobs:start': (r) => ({ jobId: `${r.kind}-${bridge.calls.length}` }),
      'settings:update': (patch) => {
        saved.push(patch);
        return { ...userSettingsSchema.parse({}), ...patch };
      },
    });
    useJobsStore().listen();
    useDatasetStore().summary = dataset;
    useModelsStore().upsert(model('m1'));
    useModelsStore().select('m1');
    const compare = useCompareStore();
    const crop = { x: 0, y: 0, width: 32, height: 32 };
    const first = compare.preview(crop);
    await flush();
    const id = (request: number) => `${(bridge.calls[request]!.request as { kind: string }).kind}-${request + 1}`;
    bridge.emit('job:update', {
      type: 'done',
      jobId: id(0),
      result: { kind: 'preview', file: 'a.tif', crop, after: { folderId: 'previews-01', file: 'p1.png' }, ms: 1 },
    });
    await first;
    const moved = compare.setAmount(40);
    await flush();
    expect(saved).toEqual([{ amount: 40 }]);
    const again = bridge.calls.findIndex(
      (c) => c.channel === 'jobs:start' && (c.request as { amount?: number }).amount === 40,
    );
    expect(bridge.calls[again]!.request).toMatchObject({ kind: 'preview', crop, amount: 40 });
    bridge.emit('job:update', {
      type: 'done',
      jobId: id(again),
      result: { kind: 'preview', file: 'a.tif', crop, after: { folderId: 'previews-01', file: 'p2.png' }, ms: 1 },
    });
    await moved;
    expect(compare.after).toMatchObject({ ref: { file: 'p2.png' } });
    void compare.denoiseAll();
    await flush();
    expect(bridge.calls.at(-1)!.request).toMatchObject({ kind: 'denoise', amount: 40 });
    // The slider moved while the files are written: what they were written at is still known.
    void compare.setAmount(70);
    await flush();
    expect([compare.exportedAmount, compare.amount]).toEqual([40, 70]);
  });
});

describe('A/B', () => {
  it('previews model B on exactly the crop and amount model A was shown with', async () => {
    const bridge = installFakeBridge({
      'jobs:start': (r) => ({ jobId: `${(r as { modelId: string }).modelId}-${bridge.calls.length}` }),
    });
    useJobsStore().listen();
    useDatasetStore().summary = dataset;
    useModelsStore().upsert(model('m1'));
    useModelsStore().upsert(model('m2'));
    useModelsStore().select('m1');
    const compare = useCompareStore();
    compare.otherModelId = 'm2';
    const asked = { x: 0, y: 0, width: 64, height: 64 };
    const shown = { x: 0, y: 0, width: 64, height: 48 };
    const run = compare.preview(asked);
    await flush();
    bridge.emit('job:update', {
      type: 'done',
      jobId: 'm1-1',
      result: { kind: 'preview', file: 'a.tif', crop: shown, after: { folderId: 'previews-01', file: 'a.png' }, ms: 1 },
    });
    await flush();
    expect(bridge.calls[1]!.request).toMatchObject({ kind: 'preview', modelId: 'm2', crop: shown, amount: 100 });
    bridge.emit('job:update', {
      type: 'done',
      jobId: 'm2-2',
      result: { kind: 'preview', file: 'a.tif', crop: shown, after: { folderId: 'previews-01', file: 'b.png' }, ms: 1 },
    });
    await run;
    expect(compare.after).toMatchObject({ ref: { file: 'a.png' } });
    expect(compare.other).toMatchObject({ ref: { file: 'b.png' }, crop: shown });
    compare.otherModelId = null;
    expect(compare.other).toBeNull();
  });
});

describe('the training progress panel', () => {
  it('describes the last run only while its model is the one selected', async () => {
    const bridge = installFakeBridge({ 'jobs:start': () => ({ jobId: 't1' }) });
    useJobsStore().listen();
    useDatasetStore().summary = dataset;
    useNoiseStore().family = 'gaussian';
    useNoiseStore().setValue('sigma', 0.1);
    const training = useTrainingStore();
    training.settings = { ...training.settings, steps: 50 };
    const ready = model('ready', { step: 100, totalSteps: 100, estPsnr: 30 });
    useModelsStore().upsert(ready);
    const started = training.start();
    await flush();
    bridge.emit('job:update', {
      type: 'done',
      jobId: 't1',
      result: { kind: 'train', model: model('stopped', { step: 3, totalSteps: 50 }), cancelled: true, failures: [] },
    });
    await started;
    const panel = mount(TrainProgressPanel);
    expect(panel.text()).toContain('Stopped: the model is saved and can resume');
    expect(panel.text()).toContain('3 / 50');
    useModelsStore().select('ready');
    await flush();
    expect(panel.text()).not.toContain('Stopped');
    expect(panel.text()).toContain('100 / 100');
  });
});
