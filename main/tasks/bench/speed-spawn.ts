import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { SpeedJob, SpeedResult } from './speed-types';

const probe = fileURLToPath(new URL('./speed-probe.ts', import.meta.url));

function lastJsonLine(text: string): SpeedResult | undefined {
  const line = text.trim().split('\n').at(-1);
  try {
    return line ? (JSON.parse(line) as SpeedResult) : undefined;
  } catch {
    return undefined;
  }
}

/** Runs one measurement in a fresh Node process (TypeScript through tsx, as bin/gr2r.js runs it). */
export function runProbe(job: SpeedJob, timeoutMs: number, signal?: AbortSignal): Promise<SpeedResult> {
  const tsx = import.meta.resolve('tsx');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', tsx, probe, JSON.stringify(job)], {
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: timeoutMs,
      signal,
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', (error) => resolve({ ok: false, reason: error.message }));
    child.on('close', (code, killed) => {
      const result = lastJsonLine(out);
      if (result) return resolve(result);
      const why = killed ? `stopped (${killed}) after ${timeoutMs / 1000} s` : `exited with ${code}`;
      resolve({ ok: false, reason: `${why}: ${err.trim().split('\n').at(-1) ?? ''}` });
    });
  });
}
