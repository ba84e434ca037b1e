import { plural } from '../shared/plural';
import type { EventHub } from '../services/events';
import type { EventOf } from '../shared/contract';
import type { JobKind } from '../shared/job-contract';

/** A job this long is worth a notification when it ends out of sight (a preview or estimate is not). */
export const NOTIFY_AFTER_MS = 20_000;

export interface Notifier {
  /** Shows an operating-system notification (Electron's Notification, injected so that it can be tested). */
  show(title: string, body: string): void;
}

/** What the window is doing: a notification only when the user is not looking at it. */
export interface WindowFocus {
  isFocused(): boolean;
}

type Update = EventOf<'job:update'>;

function message(
  kind: JobKind,
  update: Extract<Update, { type: 'done' | 'failed' }>,
): { title: string; body: string } | null {
  if (update.type === 'failed')
    return { title: kind === 'train' ? 'Training failed' : 'Denoising failed', body: update.error.message };
  const result = update.result;
  if (result.kind === 'train') {
    const psnr = result.model.estPsnr === null ? '' : `, estimated PSNR ${result.model.estPsnr.toFixed(1)} dB`;
    const title = result.cancelled ? 'Training stopped' : 'Training finished';
    return { title, body: `${result.model.id}: step ${result.model.step} kept${psnr}` };
  }
  if (result.kind === 'denoise') {
    const failed = result.failures.length ? `, ${result.failures.length} failed` : '';
    return {
      title: result.cancelled ? 'Denoising cancelled' : 'Denoising finished',
      body: `${plural(result.written.length, 'file')} written to ${result.output.path}${failed}`,
    };
  }
  return null;
}

/**
 * Says when a long job (training, denoising a folder) ends while the window is in the background or minimised.
 * `now` is injected for tests.
 */
export function notifyLongJobs(
  hub: EventHub,
  notifier: Notifier,
  focus: () => WindowFocus | undefined,
  now: () => number = Date.now,
): () => void {
  const started = new Map<string, { kind: JobKind; at: number }>();
  return hub.subscribe((event, payload) => {
    if (event !== 'job:update') return;
    const update = payload as Update;
    if (update.type === 'started') {
      if (update.kind === 'train' || update.kind === 'denoise')
        started.set(update.jobId, { kind: update.kind, at: now() });
      return;
    }
    if (update.type !== 'done' && update.type !== 'failed') return;
    const job = started.get(update.jobId);
    started.delete(update.jobId);
    if (!job || now() - job.at < NOTIFY_AFTER_MS) return;
    const window = focus();
    if (window?.isFocused()) return;
    const text = message(job.kind, update);
    if (text) notifier.show(text.title, text.body);
  });
}
