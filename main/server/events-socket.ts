import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { EventHub } from '../services/events';
import type { TokenGate } from './token-gate';

export const EVENTS_PATH = '/api/events';

/** Main's events to every page over one WebSocket each; the upgrade passes the same token gate as requests. */
export function attachEvents(server: Server, hub: EventHub, gate: () => TokenGate): () => void {
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 1024 });
  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    if (path !== EVENTS_PATH || gate().check(request).kind !== 'allow') {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => sockets.emit('connection', ws, request));
  };
  server.on('upgrade', onUpgrade);
  const unsubscribe = hub.subscribe((event, payload) => {
    const text = JSON.stringify({ event, payload });
    for (const client of sockets.clients) if (client.readyState === client.OPEN) client.send(text);
  });
  return () => {
    unsubscribe();
    server.off('upgrade', onUpgrade);
    for (const client of sockets.clients) client.terminate();
    sockets.close();
  };
}
