import type { BrowserWindow } from 'electron';
import type { EventHub } from '../services/events';
import type { EventOf } from '../shared/contract';

type ProgressWindow = Pick<BrowserWindow, 'setProgressBar' | 'isDestroyed'>;

/** The taskbar / dock progress follows the long jobs (training, denoising a folder), next to the in-app bars. */
export function followJobsInTaskbar(hub: EventHub, window: () => ProgressWindow | undefined): () => void {
  const fractions = new Map<string, number>();
  const show = () => {
    const win = window();
    if (!win || win.isDestroyed()) return;
    const first = fractions.values().next();
    win.setProgressBar(first.done ? -1 : Math.min(1, Math.max(0, first.value)));
  };
  return hub.subscribe((event, payload) => {
    if (event !== 'job:update') return;
    const update = payload as EventOf<'job:update'>;
    if (update.type === 'train-progress')
      fractions.set(update.jobId, update.progress.step / Math.max(1, update.progress.total));
    else if (update.type === 'denoise-progress') {
      const p = update.progress;
      fractions.set(update.jobId, (p.fileIndex + p.fileFraction) / Math.max(1, p.fileCount));
    } else if (update.type === 'done' || update.type === 'failed') fractions.delete(update.jobId);
    else return;
    show();
  });
}
