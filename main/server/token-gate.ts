import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** The cookie's name carries the port: cookies ignore ports, so two servers on 127.0.0.1 would share one name. */
export function cookieName(port: number): string {
  return `gr2r_token_${port}`;
}

/**
 * Where to send the browser after adopting the token: this server's path, never `//host/` (a browser reads a
 * Location starting with two slashes as another site), so runs of slashes collapse to one.
 */
export function sameOriginLocation(url: URL): string {
  return `/${url.pathname.replace(/^[/\\]+/, '').replace(/[/\\]{2,}/g, '/')}${url.search}`;
}

export type GateVerdict =
  | { readonly kind: 'allow' }
  /** The token came in the address: set it as a cookie and send the browser to the same page without it. */
  | { readonly kind: 'adopt'; readonly location: string; readonly cookie: string }
  | { readonly kind: 'refuse'; readonly status: 400 | 401 | 403; readonly reason: string };

/** A request's target as a URL on this server, or undefined when it does not parse (`GET http://[`). */
export function parseTarget(target: string | undefined): URL | undefined {
  try {
    return new URL(target ?? '/', 'http://127.0.0.1');
  } catch {
    return undefined;
  }
}

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

function cookieToken(header: string | undefined, cookie: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === cookie) return value.join('=');
  }
  return undefined;
}

/**
 * Every request to `gr2r serve` must carry the token (address, cookie or bearer header), name this server in
 * its Host (no DNS rebinding), and, when a browser says where it comes from, come from this server's own page.
 */
export class TokenGate {
  private readonly expected: Buffer;

  constructor(
    readonly token: string,
    private readonly port: number,
  ) {
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
    if (!this.origins().includes(request.headers.host ?? ''))
      return { kind: 'refuse', status: 403, reason: 'unexpected Host header' };
    const origin = request.headers.origin;
    if (origin && !this.origins().some((o) => origin === `http://${o}`))
      return { kind: 'refuse', status: 403, reason: 'cross-origin request' };
    const url = parseTarget(request.url);
    if (!url) return { kind: 'refuse', status: 400, reason: 'unreadable request target' };
    const bearer = request.headers.authorization?.replace(/^Bearer /, '');
    if (this.matches(cookieToken(request.headers.cookie, cookieName(this.port))) || this.matches(bearer))
      return { kind: 'allow' };
    if (this.matches(url.searchParams.get('token') ?? undefined)) {
      url.searchParams.delete('token');
      const cookie = `${cookieName(this.port)}=${this.token}; HttpOnly; SameSite=Strict; Path=/`;
      return { kind: 'adopt', location: sameOriginLocation(url), cookie };
    }
    return { kind: 'refuse', status: 401, reason: 'a token is required: open the address `gr2r serve` printed' };
  }
}
