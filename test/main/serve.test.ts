import { request } from 'node:http';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { RunningServer } from '../../main/server/http-server';
import { startServer } from '../../main/server/http-server';
import { cookieName } from '../../main/server/token-gate';
import type { AppServices } from '../../main/services/app-services';
import { createHandlers } from '../../main/services/handlers';
import { testServices } from './services-fixture';

let dir: string;
let server: RunningServer;
let services: AppServices;

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        path,
        method: options.method ?? 'GET',
        headers: { Host: `127.0.0.1:${server.port}`, ...options.headers },
      },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString('latin1')));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const auth = () => ({ Cookie: `${cookieName(server.port)}=${server.token}` });
const invoke = (channel: string, payload: unknown, headers: Record<string, string> = auth()) =>
  send(`/api/invoke/${channel}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(payload),
  });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gr2r-serve-'));
  await mkdir(join(dir, 'root', 'photos'), { recursive: true });
  await mkdir(join(dir, 'ui'));
  await writeFile(join(dir, 'ui', 'index.html'), '<!doctype html><title>GR2R Studio</title>');
  await writeFile(
    join(dir, 'secret.png'),
    await sharp({ create: { width: 4, height: 4, channels: 3, background: 'red' } })
      .png()
      .toBuffer(),
  );
  await sharp({ create: { width: 8, height: 6, channels: 3, background: 'blue' } })
    .png()
    .toFile(join(dir, 'root', 'photos', 'a.png'));
  services = await testServices(join(dir, 'root'));
  server = await startServer({ services, handlers: createHandlers(services), rendererDir: join(dir, 'ui'), port: 0 });
});

afterAll(() => server.close());

describe('gr2r serve', () => {
  it('listens on 127.0.0.1 only and prints an address with a long random token', () => {
    expect(server.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/\\?token=[A-Za-z0-9_-]{32}$`));
  });

  it('refuses every request without the token', async () => {
    for (const path of ['/', '/index.html', '/image/x/a.png']) expect((await send(path)).status).toBe(401);
    expect((await invoke('app:info', {}, {})).status).toBe(401);
    expect((await invoke('app:info', {}, { Cookie: `${cookieName(server.port)}=guess` })).status).toBe(401);
  });

  it('turns the token in the address into a cookie and drops it from the address', async () => {
    const reply = await send(`/?token=${server.token}`);
    expect(reply.status).toBe(303);
    expect(reply.headers.location).toBe('/');
    expect(String(reply.headers['set-cookie'])).toMatch(/gr2r_token_\d+=.*HttpOnly.*SameSite=Strict/);
    const page = await send('/', { headers: auth() });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toMatch(/default-src 'none'/);
  });

  it('refuses other hosts (DNS rebinding) and other origins (cross-site requests)', async () => {
    expect((await send('/', { headers: { ...auth(), Host: `evil.example:${server.port}` } })).status).toBe(403);
    expect((await invoke('app:info', {}, { ...auth(), Origin: 'http://evil.example' })).status).toBe(403);
    expect((await invoke('app:info', {}, { ...auth(), Origin: `http://127.0.0.1:${server.port}` })).status).toBe(200);
  });

  it('answers the contract with values, including failures', async () => {
    expect(JSON.parse((await invoke('app:info', {})).body)).toMatchObject({ ok: true, value: { mode: 'browser' } });
    expect(JSON.parse((await invoke('dataset:scan', { folderId: 'nope' })).body)).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
    expect(JSON.parse((await invoke('folder:choose', { purpose: 'dataset', path: '..' })).body)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('serves images only from folders chosen in the page', async () => {
    const chosen = JSON.parse((await invoke('folder:choose', { purpose: 'dataset', path: 'photos' })).body).value;
    const image = await send(`/image/${chosen.id}/a.png`, { headers: auth() });
    expect(image.status).toBe(200);
    expect(image.headers['content-type']).toBe('image/png');
    expect(
      (await send(`/image/${chosen.id}/${encodeURIComponent('../../secret.png')}`, { headers: auth() })).status,
    ).toBe(403);
    expect((await send(`/image/00000000-0000-0000-0000-000000000000/a.png`, { headers: auth() })).status).toBe(404);
    expect((await send('/..%2F..%2Fsecret.png', { headers: auth() })).status).toBe(404);
  });

  it('sends events over a WebSocket that needs the token too', async () => {
    const url = `ws://127.0.0.1:${server.port}/api/events`;
    const refused = new WebSocket(url);
    await expect(
      new Promise((resolve, reject) => {
        refused.on('open', resolve);
        refused.on('error', reject);
      }),
    ).rejects.toThrow();
    const socket = new WebSocket(url, { headers: auth() });
    await new Promise((resolve) => socket.on('open', resolve));
    const message = new Promise<string>((resolve) => socket.on('message', (data) => resolve(String(data))));
    services.hub.emit('app:backend', { name: 'wasm', skipped: [] });
    expect(JSON.parse(await message)).toEqual({ event: 'app:backend', payload: { name: 'wasm', skipped: [] } });
    socket.close();
  });
});
