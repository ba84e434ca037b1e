import { describe, expect, it } from 'vitest';
import { NOTIFY_AFTER_MS, notifyLongJobs } from '../../main/electron/job-notifications';
import { EventHub } from '../../main/services/events';

const output = { id: 'output-0001', name: 'noisy-denoised', path: '/photos/noisy-denoised' };
const denoised = {
  kind: 'denoise' as const,
  output,
  cancelled: false,
  failures: [],
  written: [{ input: 'a.png', output: 'a.png' }],
};

function setup(focused: boolean) {
  const hub = new EventHub();
  const shown: { title: string; body: string }[] = [];
  let clock = 0;
  notifyLongJobs(
    hub,
    { show: (title, body) => shown.push({ title, body }) },
    () => ({ isFocused: () => focused }),
    () => clock,
  );
  const run = (jobId: string, ms: number) => {
    hub.emit('job:update', { type: 'started', jobId, kind: 'denoise' });
    clock += ms;
    hub.emit('job:update', { type: 'done', jobId, result: denoised });
  };
  return { shown, run, hub, advance: (ms: number) => (clock += ms) };
}

describe('OS notifications', () => {
  it('say when a long job ends while the window is in the background', () => {
    const { shown, run } = setup(false);
    run('j1', NOTIFY_AFTER_MS + 1);
    expect(shown).toEqual([{ title: 'Denoising finished', body: '1 file written to /photos/noisy-denoised' }]);
  });

  it('stay quiet for short jobs and when the window has the focus', () => {
    const background = setup(false);
    background.run('short', NOTIFY_AFTER_MS - 1);
    expect(background.shown).toEqual([]);
    const focused = setup(true);
    focused.run('long', NOTIFY_AFTER_MS + 1);
    expect(focused.shown).toEqual([]);
  });

  it('say when a long job fails, with the reason', () => {
    const { shown, hub, advance } = setup(false);
    hub.emit('job:update', { type: 'started', jobId: 't', kind: 'train' });
    advance(NOTIFY_AFTER_MS + 1);
    hub.emit('job:update', {
      type: 'failed',
      jobId: 't',
      kind: 'train',
      error: { code: 'failed', message: 'out of memory' },
    });
    expect(shown).toEqual([{ title: 'Training failed', body: 'out of memory' }]);
  });
});
