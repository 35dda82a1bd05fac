/** Where released builds look for updates unless SWITCHBOARD_UPDATE_URL says otherwise (electron-builder.yml `publish`). */
export const DEFAULT_UPDATE_FEED = 'https://updates.switchboard.invalid/desktop';

export type FeedResolution = { ok: true; url: string } | { ok: false; code: 'insecure_update_feed' | 'invalid_update_feed'; message: string };

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/** True for a loopback host: localhost, 127.0.0.0/8 or ::1. */
export function isLoopbackHost(hostname: string): boolean {
  return loopbackHosts.has(hostname) || /^127(?:\.\d{1,3}){3}$/.test(hostname);
}

/**
 * The update feed to use: SWITCHBOARD_UPDATE_URL when set, else the built-in feed. Only https is
 * accepted, except http on loopback (a feed served on this machine while testing a release).
 */
export function resolveUpdateFeed(override: string | undefined, fallback: string = DEFAULT_UPDATE_FEED): FeedResolution {
  const raw = override?.trim() || fallback;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, code: 'invalid_update_feed', message: `The update feed "${raw}" is not a URL.` };
  }
  if (url.username || url.password) {
    return { ok: false, code: 'invalid_update_feed', message: 'The update feed must not carry a user name or password.' };
  }
  const secure = url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
  if (!secure) {
    return {
      ok: false,
      code: 'insecure_update_feed',
      message: `The update feed must use https:// (http:// only on this machine): ${url.origin}.`,
    };
  }
  return { ok: true, url: url.href.replace(/\/+$/, '') };
}
