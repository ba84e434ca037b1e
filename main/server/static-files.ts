import { readFile, realpath } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { isInside } from '../services/folders';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

/** A file of the built renderer, or undefined: nothing outside that folder is ever read. */
export async function staticFile(root: string, urlPath: string): Promise<{ type: string; body: Buffer } | undefined> {
  const name = urlPath === '/' ? '/index.html' : decodeURIComponent(urlPath);
  if (name.includes('\0')) return undefined;
  const real = await realpath(join(root, name)).catch(() => undefined);
  if (!real || !isInside(await realpath(root), real)) return undefined;
  const type = TYPES[extname(real)];
  if (!type) return undefined;
  const body = await readFile(real).catch(() => undefined);
  return body && { type, body };
}
