import { APP_PAGE_URL } from './app-protocol';

/**
 * The URL of our renderer page: the dev server while developing an unpackaged app, otherwise the
 * built page on app://. A packaged app never takes its page from the environment.
 */
export function rendererPageUrl(options: { devServerUrl: string | undefined; isPackaged: boolean }): string {
  if (!options.isPackaged && options.devServerUrl) return options.devServerUrl;
  return APP_PAGE_URL;
}

/**
 * True when `url` is our own page: the same app:// host for the built page (it serves nothing but
 * the renderer build), the same origin for the dev server. Anything unparsable is foreign.
 */
export function isOwnUrl(url: string, rendererUrl: string): boolean {
  const candidate = parseUrl(url);
  const own = parseUrl(rendererUrl);
  if (!candidate || !own) return false;
  if (own.protocol !== 'http:' && own.protocol !== 'https:') {
    // Custom schemes have an opaque ("null") origin in Node's URL: compare scheme and host.
    return own.host !== '' && candidate.protocol === own.protocol && candidate.host === own.host;
  }
  return candidate.origin === own.origin;
}

function parseUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}
