/** Where the app runs, as far as shortcuts care: macOS uses ⌘ where the others use Ctrl. */
export type KeyPlatform = 'mac' | 'other';

interface NavigatorLike {
  platform?: string;
  userAgent?: string;
  userAgentData?: { platform?: string };
}

/** The platform the page runs on, from the navigator (the Electron page reports its OS there too). */
export function detectPlatform(nav: NavigatorLike | undefined = typeof navigator === 'undefined' ? undefined : navigator): KeyPlatform {
  const name = nav?.userAgentData?.platform || nav?.platform || nav?.userAgent || '';
  return /mac|iphone|ipad/i.test(name) ? 'mac' : 'other';
}
