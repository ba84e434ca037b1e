import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { JobKind, JobRequestInput, JobResult, JobUpdate } from '../../../main/shared/job-contract';
import type { DenoiseProgress, TrainProgress } from '../../../main/shared/jobs';
import type { AppError } from '../../../main/shared/result';
import { call, on } from '../api';
import { useAppStore } from './app';

export interface TrainPoint {
  readonly step: number;
  readonly loss: number;
  readonly estPsnr: number | null;
}

export interface JobState {
  readonly id: string;
  kind: JobKind | null;
  status: 'running' | 'done' | 'failed';
  cancelling: boolean;
  train: TrainProgress | null;
  history: TrainPoint[];
  denoise: DenoiseProgress | null;
  notes: string[];
  result: JobResult | null;
  error: AppError | null;
}

function blank(id: string): JobState {
  return {
    id,
    kind: null,
    status: 'running',
    cancelling: false,
    train: null,
    history: [],
    denoise: null,
    notes: [],
    result: null,
    error: null,
  };
}

/** Every job main runs for this page, built from `job:update` events (which may arrive before `jobs:start` answers). */
export const useJobsStore = defineStore('jobs', () => {
  const jobs = ref<Record<string, JobState>>({});
  const waiters = new Map<string, ((job: JobState) => void)[]>();

  function entry(id: string): JobState {
    jobs.value[id] ??= blank(id);
    return jobs.value[id];
  }

  function settle(job: JobState): void {
    for (const resolve of waiters.get(job.id) ?? []) resolve(job);
    waiters.delete(job.id);
  }

  function apply(update: JobUpdate): void {
    const job = entry(update.jobId);
    if (update.type === 'started') job.kind = update.kind;
    else if (update.type === 'train-progress') {
      job.train = update.progress;
      job.history.push({ step: update.progress.step, loss: update.progress.loss, estPsnr: update.progress.estPsnr });
    } else if (update.type === 'denoise-progress') job.denoise = update.progress;
    else if (update.type === 'note') job.notes.push(update.message);
    else {
      job.status = update.type === 'done' ? 'done' : 'failed';
      if (update.type === 'done') job.result = update.result;
      else job.error = update.error;
      settle(job);
    }
  }

  function listen(): () => void {
    return on('job:update', apply);
  }

  async function start(request: JobRequestInput): Promise<string | undefined> {
    const started = useAppStore().take(await call('jobs:start', request));
    if (started) entry(started.jobId);
    return started?.jobId;
  }

  /** Resolves once the job is done or failed (at once if it already is). */
  function settled(id: string): Promise<JobState> {
    const job = entry(id);
    if (job.status !== 'running') return Promise.resolve(job);
    return new Promise((resolve) => waiters.set(id, [...(waiters.get(id) ?? []), resolve]));
  }

  async function cancel(id: string): Promise<void> {
    entry(id).cancelling = true;
    useAppStore().take(await call('jobs:cancel', { jobId: id }));
  }

  const running = computed(() => Object.values(jobs.value).filter((j) => j.status === 'running'));

  return { jobs, running, apply, listen, start, settled, cancel };
});
