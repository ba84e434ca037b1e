import { connect } from 'node:net';

/**
 * Writes raw bytes to 127.0.0.1:port and collects what comes back until the server closes the connection or
 * `ms` pass: no HTTP client in between, so malformed requests reach the server as an attacker would send them.
 */
export function rawExchange(port: number, chunks: readonly (string | Buffer)[], ms = 2000): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let reply = '';
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(reply);
    };
    const timer = setTimeout(finish, ms);
    socket.on('data', (data: Buffer) => (reply += data.toString('latin1')));
    socket.on('error', finish);
    socket.on('close', finish);
    socket.on('connect', () => {
      for (const chunk of chunks) socket.write(chunk);
    });
  });
}

/** The upgrade request of a WebSocket client, with extra header lines. */
export function upgradeRequest(port: number, target: string, extra: readonly string[] = []): string {
  return [
    `GET ${target} HTTP/1.1`,
    `Host: 127.0.0.1:${port}`,
    'Upgrade: websocket',
    'Connection: Upgrade',
    'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
    'Sec-WebSocket-Version: 13',
    ...extra,
    '',
    '',
  ].join('\r\n');
}

/** One unmasked text frame (RFC 6455 forbids clients to send these: the server must refuse it). */
export function unmaskedFrame(text: string): Buffer {
  const body = Buffer.from(text);
  return Buffer.concat([Buffer.from([0x81, body.length]), body]);
}

/** One masked text frame of `size` bytes (size < 65536). */
export function maskedFrame(size: number): Buffer {
  const header = size < 126 ? Buffer.from([0x81, 0x80 | size]) : Buffer.from([0x81, 0x80 | 126, size >> 8, size & 255]);
  return Buffer.concat([header, Buffer.from([1, 2, 3, 4]), Buffer.alloc(size, 0x61)]);
}
