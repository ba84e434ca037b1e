import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const bin = join(import.meta.dirname, '../../bin/gr2r.js');

export interface ServeProcess {
  readonly url: string;
  readonly child: ChildProcess;
  readonly log: () => string;
  stop(): Promise<void>;
}

/** `gr2r serve` as a user starts it, in its own process; resolves with the address it prints. */
export function startServe(root: string, dataDir: string): Promise<ServeProcess> {
  const child = spawn(process.execPath, [bin, 'serve', '--root', root, '--data', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const url = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(output)?.[1];
      if (url) resolve({ url, child, log: () => output, stop });
    });
    child.once('exit', (code) => reject(new Error(`gr2r serve exited with ${code}:\n${output}`)));
  });
}

/** The processes whose parent is `pid` (Linux /proc): the compute worker of a `gr2r serve`. */
export async function childPids(pid: number): Promise<number[]> {
  const { readdir, readFile } = await import('node:fs/promises');
  const children: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (parent === pid) children.push(Number(entry));
  }
  return children;
}
