import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * One file per job that main creates to cancel it, besides the cancel message: a worker busy in a loop that
 * only awaits promises reads no message until it next touches the disk, but checks the file every step
 * (see worker/cancel-signal.ts).
 */
export class CancelFiles {
  private dir: string | undefined;

  path(jobId: string): string {
    this.dir ??= mkdtempSync(join(tmpdir(), 'gr2r-jobs-'));
    return join(this.dir, `${jobId}.cancel`);
  }

  signal(jobId: string): void {
    writeFileSync(this.path(jobId), '');
  }

  forget(jobId: string): void {
    if (this.dir) rmSync(this.path(jobId), { force: true });
  }

  dispose(): void {
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    this.dir = undefined;
  }
}
