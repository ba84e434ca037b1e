import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { FolderRef, ImageRef } from '../../../main/shared/dataset';
import type { DisplayStretch } from '../../../main/shared/display-stretch';
import type { Crop, JobResult, SarOutput } from '../../../main/shared/job-contract';
import { call } from '../api';
import { useAppStore } from './app';
import { useDatasetStore } from './dataset';
import { useFolderPickerStore } from './folder-picker';
import { useJobsStore } from './jobs';
import { useModelsStore } from './models';
import { useSettingsStore } from './settings';
import { useNoiseStore } from './noise';
import { modelFit, type ModelFit } from '../model-fit';

type PreviewResult = Extract<JobResult, { kind: 'preview' }>;
type DenoiseResult = Extract<JobResult, { kind: 'denoise' }>;

/** What "after" shows for an image: a previewed crop, or the whole denoised file. */
export interface AfterImage {
  readonly ref: ImageRef;
  readonly crop: Crop | null;
  readonly like: ImageRef;
}

/** Compare & export: the image on screen, its previews, and the denoising of the whole folder. */
export const useCompareStore = defineStore('compare', () => {
  const file = ref<string | null>(null);
  const previews = ref<Record<string, PreviewResult & { modelId: string; amount: number; stretch: DisplayStretch }>>(
    {},
  );
  const previewJob = ref<string | null>(null);
  /** A/B: a second model previewed on the same crop, shown where the original would be. */
  const otherModelId = ref<string | null>(null);
  const otherPreviews = ref<
    Record<string, PreviewResult & { modelId: string; amount: number; stretch: DisplayStretch }>
  >({});
  const denoiseJob = ref<string | null>(null);
  const lastRun = ref<(DenoiseResult & { modelId: string; amount: number }) | null>(null);
  const outputParent = ref<FolderRef | null>(null);
  /** SAR outputs (Gamma models): decibels, the ratio image as a check of the result, and its mean made 1. */
  const sar = ref<SarOutput>({ db: false, ratio: false, unitRatio: false });
  /** Float data (SAR intensity): how the viewer stretches it; previews are drawn again under a new one. */
  const stretch = ref<DisplayStretch>('auto');
  /** Show the ratio image noisy / denoised of the last export in place of the denoised file. */
  const showRatio = ref(false);
  const jobs = useJobsStore();
  const models = useModelsStore();
  const settings = useSettingsStore();
  /** Strength in percent: the preview is blended in the worker exactly as "Denoise all" writes (remembered). */
  const amount = computed(() => settings.values.amount);
  const dataset = useDatasetStore();

  const image = computed(
    () => dataset.summary?.images.find((i) => i.file === file.value) ?? dataset.summary?.images[0] ?? null,
  );
  const before = computed<ImageRef | null>(() =>
    image.value && dataset.folderId ? { folderId: dataset.folderId, file: image.value.file } : null,
  );
  const after = computed<AfterImage | null>(() => {
    const shown = before.value;
    const modelId = models.selectedId;
    if (!shown || !modelId) return null;
    // The file written shows while it is what the slider asks for; moved since, the preview follows the slider.
    const run = lastRun.value;
    const written =
      run?.modelId === modelId && run.amount === amount.value
        ? run.written.find((w) => w.input === shown.file)
        : undefined;
    if (written && run) return { ref: { folderId: run.output.id, file: written.output }, crop: null, like: shown };
    const preview = previews.value[shown.file];
    return preview && preview.modelId === modelId ? { ref: preview.after, crop: preview.crop, like: shown } : null;
  });
  /** The ratio image the last export wrote for the image on screen (SAR, when asked for), as the viewer shows it. */
  const ratio = computed<{ ref: ImageRef; mean: number; variance: number } | null>(() => {
    const shown = before.value;
    const run = lastRun.value;
    if (!shown || !run || run.modelId !== models.selectedId) return null;
    const written = run.written.find((w) => w.input === shown.file)?.ratio;
    if (!written) return null;
    const file = written.file.split(/[\\/]/).pop() ?? written.file;
    return { ref: { folderId: run.output.id, file }, mean: written.mean, variance: written.variance };
  });
  /** SAR speckle: the ENL of the previewed area before and after, from the worker. */
  const enl = computed(() => {
    const shown = before.value;
    const preview = shown ? previews.value[shown.file] : undefined;
    return preview && preview.modelId === models.selectedId ? (preview.enl ?? null) : null;
  });
  /** Whether the selected model suits this dataset: shown before it is used, and 'refuse' stops it. */
  const fit = computed<ModelFit | null>(() => {
    const model = models.selected;
    const summary = dataset.summary;
    if (!model || !summary) return null;
    const noise = useNoiseStore();
    return modelFit(model, { summary, noise: noise.spec, amplitude: noise.sarDomain === 'amplitude' });
  });
  /** Denoise all with a model that does not match this dataset waits for a "use anyway" (one per model and folder). */
  const confirmedFor = ref<string | null>(null);
  const awaitingConfirm = ref(false);
  const fitKey = computed(() => `${models.selectedId ?? ''}@${dataset.folderId ?? ''}`);
  function unconfirmed(): boolean {
    if (fit.value?.level !== 'warn' || confirmedFor.value === fitKey.value) return false;
    awaitingConfirm.value = true;
    return true;
  }
  async function useAnyway(): Promise<void> {
    confirmedFor.value = fitKey.value;
    awaitingConfirm.value = false;
    await denoiseAll();
  }
  function refused(): boolean {
    if (fit.value?.level !== 'refuse') return false;
    useAppStore().notify('error', `This model cannot be used on this dataset: ${fit.value.reasons[0]}.`);
    return true;
  }
  /** The second model's preview of the image on screen (A/B), when one is chosen and done. */
  const other = computed<AfterImage | null>(() => {
    const shown = before.value;
    const id = otherModelId.value;
    if (!shown || !id || id === models.selectedId) return null;
    const preview = otherPreviews.value[shown.file];
    return preview && preview.modelId === id ? { ref: preview.after, crop: preview.crop, like: shown } : null;
  });
  const denoising = computed(() => (denoiseJob.value ? (jobs.jobs[denoiseJob.value] ?? null) : null));

  async function preview(crop: Crop): Promise<void> {
    const shown = before.value;
    const modelId = models.selectedId;
    if (!shown || !modelId || previewJob.value || refused()) return;
    const at = amount.value;
    const drawn = stretch.value;
    const id = await jobs.start({
      kind: 'preview',
      datasetId: shown.folderId,
      modelId,
      file: shown.file,
      crop,
      amount: at,
      stretch: drawn,
    });
    if (!id) return;
    previewJob.value = id;
    const job = await jobs.settled(id);
    previewJob.value = null;
    if (job.result?.kind === 'preview') {
      previews.value[job.result.file] = { ...job.result, modelId, amount: at, stretch: drawn };
      await previewOther(job.result.crop, at);
    } else if (job.error) useAppStore().notify('error', `${shown.file}: ${job.error.message}`);
    // The amount moved while this ran: blend again (the worker keeps the denoised crop, so this is quick).
    const shownNow = previews.value[shown.file];
    const stale = shownNow && (shownNow.amount !== amount.value || shownNow.stretch !== stretch.value);
    if (shownNow && stale && shownNow.modelId === modelId) await preview(shownNow.crop);
  }

  /** A/B: the second model on exactly the crop the first one was shown on, at the same amount. */
  async function previewOther(crop: Crop, at: number): Promise<void> {
    const shown = before.value;
    const id = otherModelId.value;
    if (!shown || !id || id === models.selectedId) return;
    const drawn = stretch.value;
    const jobId = await jobs.start({
      kind: 'preview',
      datasetId: shown.folderId,
      modelId: id,
      file: shown.file,
      crop,
      amount: at,
      stretch: drawn,
    });
    if (!jobId) return;
    previewJob.value = jobId;
    const job = await jobs.settled(jobId);
    previewJob.value = null;
    if (job.result?.kind === 'preview')
      otherPreviews.value[job.result.file] = { ...job.result, modelId: id, amount: at, stretch: drawn };
    else if (job.error) useAppStore().notify('error', `${shown.file} (model B): ${job.error.message}`);
  }

  /** A new strength: remembered, and the preview on screen is blended again at it. */
  async function setAmount(value: number): Promise<void> {
    await settings.update({ amount: value });
    const shown = before.value && previews.value[before.value.file];
    if (shown && shown.modelId === models.selectedId && shown.amount !== value) await preview(shown.crop);
  }

  /** A new display stretch: the images reload under it, and the preview on screen is drawn again (no new denoising). */
  async function setStretch(value: DisplayStretch): Promise<void> {
    stretch.value = value;
    const shown = before.value && previews.value[before.value.file];
    if (shown && shown.modelId === models.selectedId && shown.stretch !== value && !previewJob.value)
      await preview(shown.crop);
  }

  /** The amount the last Denoise all wrote with: the slider may move while it runs. */
  const exportedAmount = ref<number | null>(null);

  async function denoiseAll(): Promise<void> {
    const modelId = models.selectedId;
    if (!dataset.folderId || !modelId || denoising.value?.status === 'running' || refused() || unconfirmed()) return;
    const speckle = models.selected?.noise.family === 'gamma';
    const at = amount.value;
    const id = await jobs.start({
      kind: 'denoise',
      datasetId: dataset.folderId,
      modelId,
      outputId: outputParent.value?.id,
      sar: speckle ? { ...sar.value } : undefined,
      amount: at,
      format: { ...settings.values.outputFormat },
    });
    if (!id) return;
    denoiseJob.value = id;
    exportedAmount.value = at;
    const job = await jobs.settled(id);
    if (job.result?.kind === 'denoise') lastRun.value = { ...job.result, modelId, amount: at };
  }

  async function chooseOutput(): Promise<void> {
    const folder = await useFolderPickerStore().pick('output');
    if (folder) outputParent.value = folder;
  }

  async function openOutput(): Promise<void> {
    if (lastRun.value) useAppStore().take(await call('folder:open', { folderId: lastRun.value.output.id }));
  }

  async function cancelDenoise(): Promise<void> {
    if (denoiseJob.value) await jobs.cancel(denoiseJob.value);
  }

  return {
    stretch,
    showRatio,
    ratio,
    enl,
    setStretch,
    file,
    image,
    before,
    after,
    previews,
    previewJob,
    denoiseJob,
    denoising,
    lastRun,
    exportedAmount,
    outputParent,
    sar,
    amount,
    fit,
    otherModelId,
    otherPreviews,
    other,
    awaitingConfirm,
    preview,
    setAmount,
    denoiseAll,
    useAnyway,
    chooseOutput,
    openOutput,
    cancelDenoise,
  };
});
