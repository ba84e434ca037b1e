import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import { WebSocketServer } from 'ws';
import type { EventHub } from '../services/events';
import type { TokenGate } from './token-gate';
import { parseTarget } from './token-gate';

export const EVENTS_PATH = '/api/events';

/** A socket error (reset, or ws refusing a frame) ends that one connection; unhandled, it would end the process. */
function dropOnError(socket: Duplex): void {
  socket.on('error', () => socket.destroy());
}

function closeOnError(ws: WebSocket): void {
  // ws has already sent the close code (1009 too big, 1002 unmasked frame); terminate frees the socket now.
  ws.on('error', () => ws.terminate());
}

/** Main's events to every page over one WebSocket each; the upgrade passes the same token gate as requests. */
export function attachEvents(server: Server, hub: EventHub, gate: () => TokenGate): () => void {
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 1024 });
  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    dropOnError(socket);
    const path = parseTarget(request.url)?.pathname;
    if (path !== EVENTS_PATH || gate().check(request).kind !== 'allow') {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => {
      closeOnError(ws);
      sockets.emit('connection', ws, request);
    });
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
