import type { CommandIO } from './command';
import { printable } from './printable';

export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '--:--';
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s % 60)}` : `${pad(m)}:${pad(s % 60)}`;
}

/**
 * Progress on stderr: a redrawn bar with ETA on a terminal, plain lines otherwise (at most one every
 * `plainEvery` updates, and always the last), so logs stay readable.
 */
export class ProgressLine {
  private count = 0;

  constructor(
    private readonly io: CommandIO,
    private readonly plainEvery = 10,
  ) {}

  update(done: number, total: number, detail: string, etaMs: number | null): void {
    this.count++;
    const stderr = this.io.stderr;
    if (stderr.isTTY) {
      const width = 24;
      const filled = Math.round((done / Math.max(total, 1)) * width);
      const bar = '#'.repeat(filled) + '-'.repeat(width - filled);
      stderr.write(`\r[${bar}] ${done}/${total} ${detail} ETA ${formatDuration(etaMs)}\x1b[K`);
      if (done >= total) stderr.write('\n');
    } else if (done >= total || this.count % this.plainEvery === 1 || this.plainEvery === 1) {
      stderr.write(`${done}/${total} ${detail} ETA ${formatDuration(etaMs)}\n`);
    }
  }

  /** A message that must not be drawn over by the bar. */
  note(message: string): void {
    this.io.stderr.write(`${this.io.stderr.isTTY ? '\r\x1b[K' : ''}${printable(message)}\n`);
  }
}
