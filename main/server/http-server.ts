import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppServices } from '../services/app-services';
import { dispatch } from '../services/dispatch';
import type { Handlers } from '../services/handlers';
import { fail } from '../shared/result';
import { attachEvents } from './events-socket';
import { pageSecurityPolicy } from './page-policy';
import { staticFile } from './static-files';
import { newToken, parseTarget, TokenGate } from './token-gate';

export const INVOKE_PREFIX = '/api/invoke/';
const MAX_BODY = 1 << 20;

export interface ServeOptions {
  readonly services: AppServices;
  readonly handlers: Handlers;
  readonly rendererDir: string;
  readonly port: number;
  readonly token?: string;
}

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

function send(
  res: ServerResponse,
  status: number,
  type: string,
  body: Buffer | string,
  extra: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'Content-Type': type,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cache-Control': 'no-store',
    'Content-Security-Policy': pageSecurityPolicy,
    ...extra,
  });
  res.end(body);
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new Error('request too large');
    chunks.push(chunk);
  }
  return chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
}

async function invoke(
  options: ServeOptions,
  req: IncomingMessage,
  res: ServerResponse,
  channel: string,
): Promise<void> {
  const payload = await readBody(req).catch(() => undefined);
  const result =
    payload === undefined
      ? fail('invalid-request', 'the body must be JSON, under 1 MiB')
      : await dispatch(options.handlers, channel, payload);
  send(res, 200, 'application/json', JSON.stringify(result));
}

async function route(options: ServeOptions, gate: TokenGate, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const verdict = gate.check(req);
  if (verdict.kind === 'refuse') return send(res, verdict.status, 'text/plain; charset=utf-8', verdict.reason);
  if (verdict.kind === 'adopt')
    return send(res, 303, 'text/plain', '', { Location: verdict.location, 'Set-Cookie': verdict.cookie });
  const url = parseTarget(req.url);
  if (!url) return send(res, 400, 'text/plain', 'unreadable request target');
  if (req.method === 'POST' && url.pathname.startsWith(INVOKE_PREFIX))
    return invoke(options, req, res, url.pathname.slice(INVOKE_PREFIX.length));
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'method not allowed');
  if (url.pathname.startsWith('/image/')) {
    const image = await options.services.images.respond(url.pathname.slice('/image'.length), url.searchParams);
    return send(res, image.status, image.type, image.body);
  }
  const file = await staticFile(options.rendererDir, url.pathname);
  if (file) return send(res, 200, file.type, file.body);
  return send(res, 404, 'text/plain', 'not found');
}

/** The app's services over HTTP + WebSocket, on 127.0.0.1 only, behind a random token. */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const token = options.token ?? newToken();
  // The gate checks the Host header against the port, known only once listening.
  const held: { gate?: TokenGate } = {};
  const server = createServer((req, res) => {
    route(options, held.gate!, req, res).catch((error: Error) => send(res, 500, 'text/plain', error.message));
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(options.port, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  held.gate = new TokenGate(token, port);
  const detach = attachEvents(server, options.services.hub, () => held.gate!);
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        detach();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
