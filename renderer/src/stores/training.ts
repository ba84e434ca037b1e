import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { TrainSettings } from '../../../main/shared/library';
import type { TrainPresetName } from '../../../main/shared/settings';
import { matchesPreset, presetSettings, requestSettings } from '../presets';
import { useDatasetStore } from './dataset';
import type { TrainPoint } from './jobs';
import { useJobsStore } from './jobs';
import { useModelsStore } from './models';
import { useNoiseStore } from './noise';

/** A training run: its settings (from a preset, then edited), the job, its loss curve, and the model it makes. */
export const useTrainingStore = defineStore('training', () => {
  const preset = ref<TrainPresetName>('balanced');
  const settings = ref<TrainSettings>(presetSettings('balanced'));
  const jobId = ref<string | null>(null);
  /** Loss points of earlier runs of the same model (before a resume). */
  const earlier = ref<TrainPoint[]>([]);
  const jobs = useJobsStore();
  const models = useModelsStore();

  const job = computed(() => (jobId.value ? (jobs.jobs[jobId.value] ?? null) : null));
  const running = computed(() => job.value?.status === 'running');
  /** The curve of the run on screen: the running or failed one, or the one that made the selected model. */
  const history = computed(() =>
    running.value ||
    job.value?.status === 'failed' ||
    (models.selectedId !== null && models.selectedId === lastModelId())
      ? [...earlier.value, ...(job.value?.history ?? [])]
      : [],
  );
  const custom = computed(() => !matchesPreset(settings.value, preset.value));
  const model = computed(() => models.selected);

  const blocked = computed(() => {
    if (!useDatasetStore().ready) return 'Choose a dataset with readable images first.';
    return useNoiseStore().problem;
  });
  const canResume = computed(() => !running.value && !!model.value?.canResume);

  function applyPreset(name: TrainPresetName): void {
    preset.value = name;
    settings.value = presetSettings(name);
  }

  async function follow(id: string): Promise<void> {
    jobId.value = id;
    const done = await jobs.settled(id);
    if (done.result?.kind === 'train') {
      models.upsert(done.result.model);
      models.select(done.result.model.id);
    }
  }

  async function start(): Promise<void> {
    const noise = useNoiseStore();
    const spec = noise.spec;
    const datasetId = useDatasetStore().folderId;
    if (blocked.value || !spec || !datasetId) return;
    const amplitude = spec.family === 'gamma' && noise.sarDomain === 'amplitude';
    const id = await jobs.start({
      kind: 'train',
      datasetId,
      noise: spec,
      settings: requestSettings(settings.value),
      amplitude,
    });
    earlier.value = [];
    if (id) await follow(id);
  }

  /** Continues the selected model, to its planned steps or to `steps` if more. */
  async function resume(steps?: number): Promise<void> {
    const datasetId = useDatasetStore().folderId;
    const current = model.value;
    if (!datasetId || !current) return;
    earlier.value = current.id === lastModelId() ? history.value : [];
    const id = await jobs.start({
      kind: 'resume',
      datasetId,
      modelId: current.id,
      steps: Math.max(steps ?? 0, current.totalSteps),
    });
    if (id) await follow(id);
  }

  function lastModelId(): string | null {
    return job.value?.result?.kind === 'train' ? job.value.result.model.id : null;
  }

  async function cancel(): Promise<void> {
    if (jobId.value && running.value) await jobs.cancel(jobId.value);
  }

  return {
    preset,
    settings,
    jobId,
    job,
    running,
    history,
    custom,
    model,
    blocked,
    canResume,
    applyPreset,
    start,
    resume,
    cancel,
  };
});
