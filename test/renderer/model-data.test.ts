import { createPinia, setActivePinia } from 'pinia';
import { nextTick } from 'vue';
import { beforeEach, describe, expect, it } from 'vitest';
import { modelFit } from '../../renderer/src/model-fit';
import { useCompareStore } from '../../renderer/src/stores/compare';
import { useDatasetStore } from '../../renderer/src/stores/dataset';
import { followDataset } from '../../renderer/src/stores/follow-dataset';
import { useModelsStore } from '../../renderer/src/stores/models';
import { useNoiseStore } from '../../renderer/src/stores/noise';
import { installFakeBridge } from './fake-bridge';
import { dataset, model } from './samples';

beforeEach(() => setActivePinia(createPinia()));

const photos = { ...dataset, images: dataset.images.map((i) => ({ ...i, bitDepth: 8 as const })) };
const trainedOn = (folder: string) => ({ folder, images: 2, bitDepths: [8], units: 'unit' as const });

describe('a model belongs to its data', () => {
  it('fits the dataset it was trained on', () => {
    expect(
      modelFit(model('m', { dataset: trainedOn('noisy') }), {
        summary: photos,
        noise: { family: 'gaussian', sigma: 0.1 },
        amplitude: false,
      }),
    ).toEqual({ level: 'ok', reasons: [] });
  });

  it('warns on another folder or another noise family', () => {
    const fit = modelFit(model('m', { dataset: trainedOn('beach') }), {
      summary: photos,
      noise: { family: 'poisson', gain: 0.01 },
      amplitude: false,
    });
    expect(fit.level).toBe('warn');
    expect(fit.reasons.join(' | ')).toMatch(
      /trained on “beach”.*\| trained for gaussian noise; the noise model set here is poisson/,
    );
  });

  it('refuses channels that cannot match and units that cannot match', () => {
    const fourBands = { ...photos, images: [{ ...photos.images[0]!, channels: 4 }] };
    expect(modelFit(model('m'), { summary: fourBands, noise: null, amplitude: false })).toMatchObject({
      level: 'refuse',
      reasons: [expect.stringMatching(/3-channel images; this dataset has 4-channel/)],
    });
    const sar = model('sar', { channels: 1, units: 'as-stored', noise: { family: 'gamma', looks: 4 } });
    expect(modelFit(sar, { summary: photos, noise: null, amplitude: false }).level).toBe('refuse');
    // Gray through a colour model and colour through a gray one both work.
    expect(modelFit(model('gray', { channels: 1 }), { summary: photos, noise: null, amplitude: false }).level).toBe(
      'ok',
    );
  });

  it('choosing another dataset clears the estimate, its parameters, the previews and the last export', async () => {
    installFakeBridge({});
    const stop = followDataset();
    const data = useDatasetStore();
    const noise = useNoiseStore();
    const compare = useCompareStore();
    data.summary = dataset;
    await nextTick();
    noise.reports.gaussian = {
      images: [],
      pooled: { family: 'gaussian', sigma: 0.1, spread: 0, uncertainty: 0, count: 1, outliers: [] },
      warnings: [],
    };
    noise.family = 'gaussian';
    noise.useEstimate();
    noise.params.poisson = { gain: 0.02 };
    noise.origin.poisson = 'manual';
    useModelsStore().upsert(model('m1'));
    compare.previews = {
      'a.tif': {
        kind: 'preview',
        file: 'a.tif',
        crop: { x: 0, y: 0, width: 8, height: 8 },
        after: { folderId: 'previews-01', file: 'p.png' },
        ms: 1,
        modelId: 'm1',
        amount: 100,
        stretch: 'auto',
      },
    };
    compare.lastRun = {
      kind: 'denoise',
      amount: 100,
      output: { id: 'output-0001', name: 'o', path: '/o' },
      cancelled: false,
      failures: [],
      written: [],
      modelId: 'm1',
    };
    expect(noise.params.gaussian).toEqual({ sigma: 0.1 });
    data.summary = { ...dataset, folder: { id: 'folder-0002', name: 'sar', path: '/sar' } };
    await nextTick();
    expect(noise.reports).toEqual({});
    expect(noise.params.gaussian).toBeUndefined();
    expect(noise.params.poisson).toEqual({ gain: 0.02 });
    expect(compare.previews).toEqual({});
    expect(compare.lastRun).toBeNull();
    stop();
  });
});

describe('how the noise of a model is named', () => {
  it('a correlated model measured per image says so, not the σ of its fallback profile', async () => {
    const { describeSpec } = await import('../../renderer/src/noise-families');
    const profile = { radius: 0, channels: 1, kernel: [1], levels: [0.5], sigmas: [[0.006]] };
    expect(describeSpec({ family: 'correlated', profile, perImage: true })).toBe(
      'Correlated (real photos), measured per image',
    );
    expect(describeSpec({ family: 'correlated', profile })).toBe('Correlated (real photos), σ 0.006');
  });
});

describe('how quality is stated', () => {
  it('photos: the gain over the noisy input; SAR: the ENL and the ratio check, not a PSNR', async () => {
    const { qualityText } = await import('../../renderer/src/quality-label');
    expect(qualityText({ family: 'gaussian', sigma: 0.1 }, 26.2, 20)).toEqual({
      label: 'Estimated gain',
      value: '+6.2 dB',
      hint: '26.20 dB estimated, from 20.00 dB noisy; no clean image needed',
    });
    const sar = qualityText({ family: 'gamma', looks: 4 }, 27.9, 20);
    expect(sar.label).toBe('Speckle (ENL)');
    expect(sar.value).toBe('4.0 looks');
    expect(sar.hint).toMatch(/ratio image.*variance 1\/L = 0\.250/);
    expect(`${sar.value} ${sar.hint}`).not.toMatch(/dB/);
    // Before an estimate: true whether the dataset holds images out or (under 4 images) not.
    expect(qualityText({ family: 'gaussian', sigma: 0.1 }, null, null).hint).toBe(
      'From the noisy images alone (held-out ones where the dataset has 4 or more): no clean image needed',
    );
  });
});

describe('the SAR domain', () => {
  it('switching intensity to amplitude drops the looks estimated for intensity (a typed value stays)', async () => {
    installFakeBridge({});
    const noise = useNoiseStore();
    noise.family = 'gamma';
    noise.reports.gamma = {
      images: [],
      pooled: { family: 'gamma', looks: 4.2, spread: 0, uncertainty: 0, count: 1, outliers: [] },
      warnings: [],
    };
    noise.useEstimate();
    expect(noise.values).toEqual({ looks: 4.2 });
    noise.sarDomain = 'amplitude';
    await nextTick();
    expect(noise.report).toBeNull();
    expect(noise.values).toEqual({});
    noise.setValue('looks', 3);
    noise.sarDomain = 'intensity';
    await nextTick();
    expect(noise.values).toEqual({ looks: 3 });
  });
});

describe('warned before use', () => {
  it('"Denoise all" with a model of another dataset waits for "use anyway"', async () => {
    const bridge = installFakeBridge({ 'jobs:start': () => ({ jobId: 'd1' }) });
    useDatasetStore().summary = photos;
    useModelsStore().upsert(model('m1', { dataset: trainedOn('beach') }));
    useModelsStore().select('m1');
    const compare = useCompareStore();
    expect(compare.fit?.level).toBe('warn');
    await compare.denoiseAll();
    expect(bridge.calls).toEqual([]);
    expect(compare.awaitingConfirm).toBe(true);
    void compare.useAnyway();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(bridge.calls.map((c) => (c.request as { kind: string }).kind)).toEqual(['denoise']);
  });
});
