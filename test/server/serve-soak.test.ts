import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { cookieName } from '../../main/server/token-gate';
import { noisyPng } from '../security/fixtures';
import { maskedFrame, rawExchange, unmaskedFrame, upgradeRequest } from './raw-socket';

let dir: string;
let child: ChildProcess;
let port: number;
let token: string;
const tsx = import.meta.resolve('tsx');

/** Resident memory of a process in MB (Linux /proc), the soak's measure of a leak. */
async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1]) / 1024;
}

/** One request; `patience`: how long the socket may stay silent (the attacks' 10 s; a job request on a loaded machine, more). */
function call(
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
  patience = 10_000,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve) => {
    const req = request(
      { host: '127.0.0.1', port, path, method, headers: { Host: `127.0.0.1:${port}`, ...headers } },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', () => resolve({ status: 0, body: '' }));
    req.setTimeout(patience, () => req.destroy());
    req.end(body);
  });
}

const auth = () => ({ Cookie: `${cookieName(port)}=${token}` });
const invoke = async (channel: string, payload: unknown) =>
  JSON.parse(
    (
      await call(
        'POST',
        `/api/invoke/${channel}`,
        { ...auth(), 'Content-Type': 'application/json' },
        JSON.stringify(payload),
        120_000,
      )
    ).body,
  ) as { ok: boolean; value?: { id?: string; jobId?: string } };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gr2r-soak-'));
  await mkdir(join(dir, 'root', 'photos'), { recursive: true });
  for (let i = 0; i < 3; i++) await noisyPng(join(dir, 'root', 'photos', `p${i}.png`), 96, 3, i + 1);
  child = spawn(
    process.execPath,
    ['--import', tsx, join(import.meta.dirname, 'soak-server.ts'), join(dir, 'root'), join(dir, 'data')],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  [port, token] = await new Promise<[number, string]>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /ready (\d+) (\S+)/.exec(out);
      if (match) resolve([Number(match[1]), match[2]!]);
    });
    child.once('exit', (code) => reject(new Error(`the server exited with ${code}`)));
  });
}, 60_000);

afterAll(async () => {
  if (child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  await rm(dir, { recursive: true, force: true });
});

describe.runIf(process.platform === 'linux')('gr2r serve under load', () => {
  it('stays alive, answers, and keeps its memory bounded through many connections, attacks and a few jobs', async () => {
    const started = Date.now();
    expect((await call('GET', '/', auth())).status).toBe(200);
    const baseline = await rssMb(child.pid!);
    const folder = (await invoke('folder:choose', { purpose: 'dataset', path: 'photos' })).value!.id!;
    const events = new WebSocket(`ws://127.0.0.1:${port}/api/events`, { headers: auth() });
    const ended = new Map<string, string>();
    events.on('message', (data) => {
      const { event, payload } = JSON.parse(String(data)) as {
        event: string;
        payload: { type: string; jobId: string };
      };
      if (event === 'job:update' && (payload.type === 'done' || payload.type === 'failed'))
        ended.set(payload.jobId, payload.type);
    });
    await new Promise((resolve) => events.once('open', resolve));
    const jobs: Promise<unknown>[] = [];
    for (let round = 0; round < 6; round++) {
      const wave: Promise<unknown>[] = [];
      for (let i = 0; i < 40; i++) {
        wave.push(call('GET', '/', auth()));
        wave.push(call('GET', '/', {}));
        wave.push(call('POST', '/api/invoke/app:info', { ...auth(), 'Content-Type': 'application/json' }, '{'));
        if (i % 4 === 0) wave.push(rawExchange(port, [upgradeRequest(port, 'http://[')], 500));
        if (i % 4 === 1)
          wave.push(
            rawExchange(
              port,
              [upgradeRequest(port, '/api/events', [`Cookie: ${cookieName(port)}=${token}`]), maskedFrame(4000)],
              500,
            ),
          );
        if (i % 4 === 2)
          wave.push(
            rawExchange(
              port,
              [upgradeRequest(port, '/api/events', [`Cookie: ${cookieName(port)}=${token}`]), unmaskedFrame('x')],
              500,
            ),
          );
        if (i % 4 === 3)
          wave.push(
            rawExchange(port, [`GET /.//evil.example/?token=${token} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n`], 300),
          );
      }
      if (round < 3) {
        jobs.push(invoke('dataset:scan', { folderId: folder }));
        jobs.push(invoke('jobs:start', { kind: 'estimate', datasetId: folder, family: 'gaussian', amplitude: false }));
      }
      await Promise.all(wave);
    }
    const results = (await Promise.all(jobs)) as { ok: boolean; value: { jobId?: string } }[];
    expect(results.every((r) => r.ok)).toBe(true);
    // The three estimates ran one after another on the worker, and each finished.
    const ids = results.map((r) => r.value.jobId).filter((id): id is string => id !== undefined);
    expect(ids).toHaveLength(3);
    for (let wait = 0; wait < 1200 && !ids.every((id) => ended.has(id)); wait++)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(ids.map((id) => ended.get(id))).toEqual(['done', 'done', 'done']);
    events.close();
    expect(child.exitCode).toBeNull();
    expect((await call('GET', '/', auth())).status).toBe(200);
    const end = await rssMb(child.pid!);
    console.info(
      `gr2r serve soak: RSS ${baseline.toFixed(0)} MB -> ${end.toFixed(0)} MB in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    expect(end - baseline).toBeLessThan(150);
  }, 300_000);
});
