// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import BaseSegmented from '../../renderer/src/components/BaseSegmented.vue';
import CompareViewer from '../../renderer/src/components/CompareViewer.vue';
import TheFolderPicker from '../../renderer/src/components/TheFolderPicker.vue';
import TrainLossChart from '../../renderer/src/components/TrainLossChart.vue';
import TheSettingsDialog from '../../renderer/src/components/TheSettingsDialog.vue';
import TrainSettingsForm from '../../renderer/src/components/TrainSettingsForm.vue';
import { initDefaults, rawTrainSteps, speckleDefaults, trainDefaults } from '../../main/shared/defaults';
import { useAppStore } from '../../renderer/src/stores/app';
import { useDatasetStore } from '../../renderer/src/stores/dataset';
import { useFolderPickerStore } from '../../renderer/src/stores/folder-picker';
import { useSettingsStore } from '../../renderer/src/stores/settings';
import DatasetView from '../../renderer/src/views/DatasetView.vue';
import { installFakeBridge } from './fake-bridge';
import { dataset, folder } from './samples';

beforeEach(() => setActivePinia(createPinia()));

const viewerProps = {
  before: 'gr2r://image/f/a.tif',
  size: { width: 64, height: 48 },
  mode: 'split' as const,
  amount: 100,
  holding: false,
  after: { url: 'gr2r://image/p/after.png', crop: { x: 8, y: 8, width: 32, height: 16 } },
};

describe('CompareViewer', () => {
  it('lays the result over the original at its crop, blended by the amount', () => {
    const wrapper = mount(CompareViewer, { props: { ...viewerProps, amount: 40 } });
    const after = wrapper.get('img[alt="Denoised"]');
    expect(after.attributes('style')).toMatch(/left: 8px; top: 8px; width: 32px; height: 16px; opacity: 0.4/);
    expect(wrapper.get('img[alt="Original"]').attributes('src')).toBe(viewerProps.before);
    expect(wrapper.find('.crop-frame').exists()).toBe(true);
  });

  it('shows only the original while held', () => {
    const wrapper = mount(CompareViewer, { props: { ...viewerProps, holding: true } });
    expect(wrapper.find('img[alt="Denoised"]').exists()).toBe(false);
    expect(wrapper.text()).toContain('Original');
  });

  it('moves the split with the slider, by keyboard too', async () => {
    const wrapper = mount(CompareViewer, { props: viewerProps });
    const slider = wrapper.get('[role="slider"]');
    expect(slider.attributes('aria-valuenow')).toBe('50');
    await slider.trigger('keydown', { key: 'ArrowRight', shiftKey: true });
    expect(slider.attributes('aria-valuenow')).toBe('60');
    expect(wrapper.get('.clip').attributes('style')).toMatch(/inset\(0 0 0 60%\)/);
  });

  it('shows two panes side by side, locked to one view', async () => {
    const wrapper = mount(CompareViewer, { props: { ...viewerProps, mode: 'side' } });
    const panes = wrapper.findAll('.pane');
    expect(panes.map((p) => p.attributes('data-pane'))).toEqual(['before', 'after']);
    const stages = wrapper.findAll('.stage').map((s) => s.attributes('style'));
    expect(new Set(stages.map((s) => s?.match(/transform: [^;]+/)?.[0])).size).toBe(1);
  });
});

describe('TrainLossChart', () => {
  it('draws the loss and the estimated PSNR once there are points', () => {
    const empty = mount(TrainLossChart, { props: { points: [], total: 100 } });
    expect(empty.text()).toContain('appears here once training starts');
    const points = Array.from({ length: 20 }, (_, i) => ({
      step: i + 1,
      loss: 1 / (i + 1),
      estPsnr: i >= 9 ? 20 + i / 10 : null,
    }));
    const chart = mount(TrainLossChart, { props: { points, total: 100 } });
    expect(chart.findAll('polyline').length).toBe(3);
    expect(chart.findAll('circle').length).toBeGreaterThan(0);
    expect(chart.text()).toContain('100 steps');
  });

  it('keeps every line inside the frame, and a flat loss stays flat', () => {
    // A spike and a dip the range leaves out, among noisy batches.
    const losses = Array.from({ length: 60 }, (_, i) => (0.5 / (1 + i / 20)) * (i % 2 ? 1.3 : 0.7));
    losses[3] = 50;
    losses[2] = 1e-5;
    const chart = mount(TrainLossChart, {
      props: { points: losses.map((loss, i) => ({ step: i + 1, loss, estPsnr: null })), total: 60 },
    });
    const ys = chart.findAll('polyline').flatMap((line) =>
      line
        .attributes('points')!
        .split(' ')
        .map((p) => Number(p.split(',')[1])),
    );
    expect(Math.min(...ys)).toBeGreaterThanOrEqual(14);
    expect(Math.max(...ys)).toBeLessThanOrEqual(220 - 26);
    const flat = mount(TrainLossChart, {
      props: { points: Array.from({ length: 10 }, (_, i) => ({ step: i + 1, loss: 0.1, estPsnr: null })), total: 10 },
    });
    const smooth = flat
      .findAll('polyline')[1]!
      .attributes('points')!
      .split(' ')
      .map((p) => Number(p.split(',')[1]));
    expect(new Set(smooth).size).toBe(1);
  });
});

describe('BaseSegmented', () => {
  it('is a radio group bound with v-model', async () => {
    const wrapper = mount(BaseSegmented, {
      props: {
        label: 'Mode',
        options: [
          { value: 'a', label: 'A' },
          { value: 'b', label: 'B' },
        ],
        modelValue: 'a',
        'onUpdate:modelValue': (v: string | null): Promise<void> => wrapper.setProps({ modelValue: v }),
      },
    });
    await wrapper.findAll('[role="radio"]')[1]!.trigger('click');
    expect(wrapper.props('modelValue')).toBe('b');
    expect(wrapper.findAll('[aria-checked="true"]').map((b) => b.text())).toEqual(['B']);
    // null (settings edited away from every preset): nothing lit, and a click chooses again.
    await wrapper.setProps({ modelValue: null });
    expect(wrapper.findAll('[aria-checked="true"]')).toEqual([]);
    await wrapper.findAll('[role="radio"]')[0]!.trigger('click');
    expect(wrapper.props('modelValue')).toBe('a');
  });
});

describe('DatasetView', () => {
  it('shows counts, sizes, bit depths, unreadable files with their reason, and thumbnails', () => {
    installFakeBridge({});
    useDatasetStore().summary = dataset;
    const wrapper = mount(DatasetView);
    const text = wrapper.text();
    expect(text).toContain('64×48 – 128×96');
    expect(text).toContain('16-bit, 32-bit float');
    expect(text).toContain('broken.png');
    expect(text).toContain('truncated or damaged');
    expect(text).toContain('Under 4 images');
    expect(wrapper.findAll('img').map((i) => i.attributes('src'))).toEqual([
      `gr2r://image/${folder.id}/a.tif?size=240`,
      `gr2r://image/${folder.id}/b.png?size=240`,
    ]);
    expect(wrapper.find('[data-test="no-images"]').exists()).toBe(false);
  });

  it('says plainly when a folder holds no image to work on', () => {
    installFakeBridge({});
    useDatasetStore().summary = { ...dataset, images: [], failures: [] };
    const empty = mount(DatasetView);
    expect(empty.get('[data-test="no-images"]').text()).toBe(
      `${dataset.folder.name} holds no images (PNG, JPEG, TIFF or DNG): choose another folder.`,
    );
    useDatasetStore().summary = { ...dataset, images: [] };
    const unreadable = mount(DatasetView);
    expect(unreadable.get('[data-test="no-images"]').text()).toMatch(/^None of the files in .* could be read/);
  });
});

describe('DatasetView, before a folder is chosen', () => {
  it('offers the datasets opened before, and opens one with a click', async () => {
    const bridge = installFakeBridge({ 'dataset:recent': () => [folder], 'dataset:scan': () => dataset });
    const wrapper = mount(DatasetView);
    await flushPromises();
    await wrapper.get('button.recent-folder').trigger('click');
    await flushPromises();
    expect(bridge.calls.map((c) => c.channel)).toEqual(['dataset:recent', 'dataset:scan']);
    expect(bridge.calls[1]!.request).toEqual({ folderId: folder.id });
    expect(wrapper.text()).toContain('broken.png');
  });
});

describe('TheFolderPicker (browser)', () => {
  it('browses inside the served folder and chooses by relative path', async () => {
    const bridge = installFakeBridge({
      'app:info': () => ({ version: '0.1.0', mode: 'browser', canOpenFolders: false, backend: null }),
      'folder:browse': ({ path }) => ({
        root: 'photos',
        path,
        parent: path === '' ? null : '',
        folders: path === '' ? [{ name: 'noisy', path: 'noisy' }] : [],
        images: path === '' ? 0 : 4,
      }),
      'folder:choose': () => folder,
    });
    await useAppStore().load();
    const wrapper = mount(TheFolderPicker);
    const picked = useFolderPickerStore().pick('dataset');
    await flushPromises();
    await wrapper.get('button.folder:not(.up)').trigger('click');
    await flushPromises();
    expect(wrapper.text()).toContain('4 image files in this folder');
    await wrapper
      .findAll('button')
      .find((b) => b.text() === 'Choose this folder')!
      .trigger('click');
    expect(await picked).toEqual(folder);
    expect(bridge.calls.at(-1)).toEqual({ channel: 'folder:choose', request: { purpose: 'dataset', path: 'noisy' } });
  });
});

describe('TheSettingsDialog', () => {
  it('offers a backend whose package is missing as not installed, and not to be chosen', async () => {
    installFakeBridge({});
    const app = useAppStore();
    app.backend = {
      name: 'wasm',
      skipped: [
        { name: 'tensorflow-gpu', reason: "Cannot find package '@tensorflow/tfjs-node-gpu' imported from x" },
        { name: 'tensorflow', reason: "Cannot find package '@tensorflow/tfjs-node' imported from x" },
      ],
    };
    useSettingsStore().open = true;
    const wrapper = mount(TheSettingsDialog);
    await flushPromises();
    const options = wrapper.findAll('#s-backend option');
    const gpu = options.find((o) => o.attributes('value') === 'tensorflow-gpu')!;
    expect(gpu.attributes('disabled')).toBeDefined();
    expect(gpu.text()).toMatch(/\(not installed\)$/);
    const wasm = options.find((o) => o.attributes('value') === 'wasm')!;
    expect(wasm.attributes('disabled')).toBeUndefined();
  });
});

describe('TrainSettingsForm', () => {
  it('says beside Steps what a run left at the default trains, from the shared defaults', () => {
    const wrapper = mount(TrainSettingsForm, { props: { disabled: false, modelValue: { ...trainDefaults } } });
    expect(wrapper.text()).toContain(
      `left at ${trainDefaults.steps}: ${initDefaults.steps} when starting from a bundled network, ` +
        `${rawTrainSteps} for camera raw, ${speckleDefaults.blindSteps} for SAR speckle measured blind`,
    );
  });
});
