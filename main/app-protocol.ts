import { readFile } from 'node:fs/promises';
import { rendererFileType, resolveRendererFile } from './renderer-files';

/** The scheme and host our built page is served from: app://switchboard/index.html. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'switchboard';
export const APP_PAGE_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * How app:// is registered before the app is ready. `standard` gives it real origins and relative
 * URLs, `secure` makes it a secure context like https; fetch support lets the page load its own
 * module scripts. Deliberately not `corsEnabled` (which would let other origins read it) nor
 * `bypassCSP`.
 */
export const appSchemePrivileges = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
} as const;

export type ReadFile = (path: string) => Promise<Uint8Array>;

/**
 * The app:// handler: serves files of the renderer build under `root` only, with their content
 * type and our Content-Security-Policy. Another host, a path that tries to leave `root`, a missing
 * file or a method other than GET/HEAD gets an empty error response, never a file from elsewhere.
 */
export function createAppProtocolHandler(
  root: string,
  contentSecurityPolicy: string,
  read: ReadFile = readFile,
): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405 });
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return new Response(null, { status: 400 });
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return new Response(null, { status: 404 });
    const file = resolveRendererFile(root, url.pathname);
    if (!file) return new Response(null, { status: 404 });
    let body: Uint8Array;
    try {
      body = await read(file);
    } catch {
      return new Response(null, { status: 404 });
    }
    // A copy typed as an ArrayBuffer view, which is what Response accepts.
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: {
        'Content-Type': rendererFileType(file),
        'Content-Security-Policy': contentSecurityPolicy,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-cache',
      },
    });
  };
}
