import { pathToFileURL } from 'node:url';

/**
 * The URL of our renderer page: the dev server while developing an unpackaged app, otherwise the
 * built file. A packaged app never takes its page from the environment.
 */
export function rendererPageUrl(options: {
  devServerUrl: string | undefined;
  isPackaged: boolean;
  rendererIndexPath: string;
}): string {
  if (!options.isPackaged && options.devServerUrl) return options.devServerUrl;
  return pathToFileURL(options.rendererIndexPath).href;
}

/**
 * True when `url` is our own page: the same file for a file:// page (query and hash ignored), the
 * same origin for the dev server. Anything unparsable is foreign.
 */
export function isOwnUrl(url: string, rendererUrl: string): boolean {
  const candidate = parseUrl(url);
  const own = parseUrl(rendererUrl);
  if (!candidate || !own) return false;
  if (own.protocol === 'file:') {
    return candidate.protocol === 'file:' && candidate.host === own.host && candidate.pathname === own.pathname;
  }
  // A file:// origin serialises as "null"; never let two opaque origins count as equal.
  return own.origin !== 'null' && candidate.origin === own.origin;
}

function parseUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}
