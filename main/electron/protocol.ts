import type { Protocol } from 'electron';
import { pageSecurityPolicy } from '../server/page-policy';
import { staticFile } from '../server/static-files';
import type { ImageService } from '../services/image-response';

export const APP_SCHEME = 'gr2r';
export const APP_ORIGIN = `${APP_SCHEME}://app`;

/** Registered before the app is ready: a standard, secure scheme so the page gets a real origin and a CSP. */
export const appSchemePrivileges = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
};

const headers = (type: string): Record<string, string> => ({
  'Content-Type': type,
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-store',
});

/** gr2r://app/... is the built renderer; gr2r://image/<folder>/<file> the read-only image service. Nothing else. */
export async function respond(request: Request, rendererDir: string, images: ImageService): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return new Response('method not allowed', { status: 405 });
  const url = new URL(request.url);
  if (url.host === 'app') {
    const file = await staticFile(rendererDir, url.pathname);
    if (!file) return new Response('not found', { status: 404 });
    const head = headers(file.type);
    if (file.type.startsWith('text/html'))
      head['Content-Security-Policy'] = pageSecurityPolicy.replace("img-src 'self'", `img-src 'self' ${APP_SCHEME}:`);
    return new Response(new Uint8Array(file.body), { headers: head });
  }
  if (url.host === 'image') {
    const image = await images.respond(url.pathname, url.searchParams);
    return new Response(new Uint8Array(image.body), { status: image.status, headers: headers(image.type) });
  }
  return new Response('not found', { status: 404 });
}

export function registerAppProtocol(
  protocol: Pick<Protocol, 'handle'>,
  rendererDir: string,
  images: ImageService,
): void {
  protocol.handle(APP_SCHEME, (request) => respond(request, rendererDir, images));
}
