import type { JobHooks, JobManager } from '../app/jobs';
import type { JobKind, JobRequest, JobUpdate } from '../shared/job-contract';
import { AppFailure } from '../shared/result';
import type { EventHub } from './events';
import type { PlanContext } from './job-plans';
import { planJob } from './job-plans';

/** Starts the renderer's jobs on the worker and reports every change of them as `job:update` events. */
export class JobService {
  private readonly active = new Map<string, JobKind>();

  constructor(
    private readonly jobs: JobManager,
    private readonly hub: EventHub,
    private readonly context: PlanContext,
  ) {}

  async start(request: JobRequest): Promise<{ jobId: string }> {
    const plan = await planJob(this.context, request);
    let jobId = '';
    const emit = (update: JobUpdate) => this.hub.emit('job:update', update);
    const hooks: JobHooks = {
      onProgress: (update) => {
        if (update.kind === 'train') emit({ type: 'train-progress', jobId, progress: update.progress });
        else if (update.kind === 'denoise') emit({ type: 'denoise-progress', jobId, progress: update.progress });
      },
      onNote: (message) => emit({ type: 'note', jobId, message }),
    };
    const { id, done } = plan.start(this.jobs, hooks);
    jobId = id;
    this.active.set(id, plan.kind);
    emit({ type: 'started', jobId: id, kind: plan.kind });
    done
      .then(
        (result) => emit({ type: 'done', jobId: id, result }),
        (error: unknown) => emit({ type: 'failed', jobId: id, kind: plan.kind, error: toAppError(error) }),
      )
      .finally(() => this.active.delete(id));
    return { jobId: id };
  }

  cancel(jobId: string): { cancelled: boolean } {
    return { cancelled: this.active.has(jobId) && this.jobs.cancel(jobId) };
  }

  running(): ReadonlyMap<string, JobKind> {
    return this.active;
  }
}

function toAppError(error: unknown): { code: AppFailure['code']; message: string } {
  if (error instanceof AppFailure) return { code: error.code, message: error.message };
  return { code: 'failed', message: error instanceof Error ? error.message : String(error) };
}
