import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const COOKIE = 'gr2r_token';

export type GateVerdict =
  | { readonly kind: 'allow' }
  /** The token came in the address: set it as a cookie and send the browser to the same page without it. */
  | { readonly kind: 'adopt'; readonly location: string; readonly cookie: string }
  | { readonly kind: 'refuse'; readonly status: 401 | 403; readonly reason: string };

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

function cookieToken(header: string | undefined): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === COOKIE) return value.join('=');
  }
  return undefined;
}

/**
 * Every request to `gr2r serve` must carry the token (address, cookie or bearer header), name this server in
 * its Host (no DNS rebinding), and, when a browser says where it comes from, come from this server's own page.
 */
export class TokenGate {
  private readonly expected: Buffer;

  constructor(readonly token: string, private readonly port: number) {
    this.expected = Buffer.from(token);
  }

  private origins(): string[] {
    return [`127.0.0.1:${this.port}`, `localhost:${this.port}`];
  }

  private matches(candidate: string | undefined): boolean {
    if (!candidate) return false;
    const given = Buffer.from(candidate);
    return given.length === this.expected.length && timingSafeEqual(given, this.expected);
  }

  check(request: IncomingMessage): GateVerdict {
    if (!this.origins().includes(request.headers.host ?? '')) return { kind: 'refuse', status: 403, reason: 'unexpected Host header' };
    const origin = request.headers.origin;
    if (origin && !this.origins().some((o) => origin === `http://${o}`)) return { kind: 'refuse', status: 403, reason: 'cross-origin request' };
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const bearer = request.headers.authorization?.replace(/^Bearer /, '');
    if (this.matches(cookieToken(request.headers.cookie)) || this.matches(bearer)) return { kind: 'allow' };
    if (this.matches(url.searchParams.get('token') ?? undefined)) {
      url.searchParams.delete('token');
      const cookie = `${COOKIE}=${this.token}; HttpOnly; SameSite=Strict; Path=/`;
      return { kind: 'adopt', location: `${url.pathname}${url.search}`, cookie };
    }
    return { kind: 'refuse', status: 401, reason: 'a token is required: open the address `gr2r serve` printed' };
  }
}
