import { request } from 'node:http';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../main/server/http-server';
import { startServer } from '../../main/server/http-server';
import { cookieName } from '../../main/server/token-gate';
import { createHandlers } from '../../main/services/handlers';
import { testServices } from '../main/services-fixture';
import { maskedFrame, rawExchange, unmaskedFrame, upgradeRequest } from './raw-socket';

let dir: string;
const servers: RunningServer[] = [];

async function serve(name: string): Promise<RunningServer> {
  const services = await testServices(join(dir, name));
  const server = await startServer({
    services,
    handlers: createHandlers(services),
    rendererDir: join(dir, 'ui'),
    port: 0,
  });
  servers.push(server);
  return server;
}

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
}

function get(server: RunningServer, path: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, path, headers: { Host: `127.0.0.1:${server.port}`, ...headers } },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const cookie = (server: RunningServer) => `${cookieName(server.port)}=${server.token}`;
const answers = async (server: RunningServer) => (await get(server, '/', { Cookie: cookie(server) })).status;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gr2r-attacks-'));
  for (const name of ['one', 'two']) await mkdir(join(dir, name), { recursive: true });
  await mkdir(join(dir, 'ui'));
  await writeFile(join(dir, 'ui', 'index.html'), '<!doctype html><title>GR2R Studio</title>');
});

afterAll(async () => {
  for (const server of servers) await server.close();
});

describe('gr2r serve under malformed and hostile requests', () => {
  it('survives a WebSocket upgrade whose target does not parse, with or without a token', async () => {
    const server = await serve('one');
    for (const extra of [[], [`Cookie: ${cookie(server)}`]]) {
      const reply = await rawExchange(server.port, [upgradeRequest(server.port, 'http://[', extra)]);
      expect(reply).toMatch(/^HTTP\/1\.1 (400|401)/);
    }
    const plain = await rawExchange(server.port, [
      `GET http://[ HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nConnection: close\r\n\r\n`,
    ]);
    expect(plain).toMatch(/^HTTP\/1\.1 4\d\d/);
    expect(await answers(server)).toBe(200);
  });

  it('survives a logged-in client sending a message over the size limit or an unmasked frame', async () => {
    const server = await serve('two');
    const open = upgradeRequest(server.port, '/api/events', [`Cookie: ${cookie(server)}`]);
    for (let round = 0; round < 3; round++) {
      for (const frame of [maskedFrame(4000), unmaskedFrame('hello')]) {
        const reply = await rawExchange(server.port, [open, frame]);
        expect(reply).toMatch(/^HTTP\/1\.1 101/);
        expect(await answers(server)).toBe(200);
      }
    }
    // A client that resets mid-frame is the same: one socket error, the server goes on.
    await rawExchange(server.port, [open, maskedFrame(100).subarray(0, 10)], 200);
    expect(await answers(server)).toBe(200);
  });

  it('ties the token cookie to its server: two servers side by side both keep working', async () => {
    const [first, second] = servers;
    const adopt = async (server: RunningServer) =>
      String((await get(server, `/?token=${server.token}`)).headers['set-cookie']);
    const cookies = [await adopt(first!), await adopt(second!)];
    expect(cookies[0]).toMatch(new RegExp(`^gr2r_token_${first!.port}=[\\w-]+; HttpOnly; SameSite=Strict; Path=/$`));
    expect(cookies[1]).toMatch(new RegExp(`^gr2r_token_${second!.port}=`));
    // What a browser sends to either one after visiting both (cookies ignore ports): each finds its own.
    const jar = `${cookie(first!)}; ${cookie(second!)}`;
    expect((await get(first!, '/', { Cookie: jar })).status).toBe(200);
    expect((await get(second!, '/', { Cookie: jar })).status).toBe(200);
    expect((await get(first!, '/', { Cookie: `gr2r_token=${first!.token}` })).status).toBe(401);
    expect((await get(first!, '/', { Cookie: `${cookieName(first!.port)}=${second!.token}` })).status).toBe(401);
  });

  it('redirects only to a path of its own origin after taking the token from the address', async () => {
    const server = servers[0]!;
    const cases: [string, string][] = [
      ['/.//evil.example/', '/evil.example/'],
      ['//evil.example/', '/'],
      ['/%2F%2Fevil.example/', '/%2F%2Fevil.example/'],
      ['/a//b/', '/a/b/'],
      ['/\\evil.example/', '/'],
      ['/?x=1', '/?x=1'],
    ];
    for (const [path, location] of cases) {
      const joiner = path.includes('?') ? '&' : '?';
      const reply = await rawExchange(server.port, [
        `GET ${path}${joiner}token=${server.token} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nConnection: close\r\n\r\n`,
      ]);
      const got = /\r\nLocation: ([^\r]*)\r\n/i.exec(reply)?.[1];
      expect(got, path).toBe(location);
      expect(got).not.toMatch(/^[/\\]{2}/);
    }
  });
});
