import { describe, expect, it } from 'vitest';
import { guardNavigation, isExternalWebUrl, type GuardableContents, type PreventableEvent } from './navigation-guard';
import { isOwnUrl } from './own-page';

const rendererUrl = 'app://switchboard/index.html';

/** A faked webContents that lets a test fire its navigation events. */
function fakeContents() {
  const listeners = new Map<string, (event: PreventableEvent, url: string) => void>();
  let openHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;
  const contents: GuardableContents = {
    on(event: string, listener: (event: PreventableEvent, url: string) => void) {
      listeners.set(event, listener);
      return contents;
    },
    setWindowOpenHandler(handler) {
      openHandler = handler;
    },
  };
  const fire = (name: string, url = '') => {
    let prevented = false;
    listeners.get(name)?.({ preventDefault: () => (prevented = true) }, url);
    return prevented;
  };
  const open = (url: string) => {
    if (!openHandler) throw new Error('no window open handler');
    return openHandler({ url });
  };
  return { contents, fire, open, listeners };
}

function guarded() {
  const fake = fakeContents();
  const opened: string[] = [];
  guardNavigation(fake.contents, (url) => isOwnUrl(url, rendererUrl), (url) => opened.push(url));
  return { ...fake, opened };
}

describe('navigation guard', () => {
  it('prevents navigating to a foreign page and allows our own', () => {
    const { fire } = guarded();
    expect(fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(fire('will-navigate', `${rendererUrl}#/thread/7`)).toBe(false);
  });

  it('prevents redirects away from our page', () => {
    const { fire } = guarded();
    expect(fire('will-redirect', 'https://evil.example/')).toBe(true);
  });

  it('denies every window.open and hands only web links to the system browser', () => {
    const { open, opened } = guarded();
    expect(open('https://docs.example/help')).toEqual({ action: 'deny' });
    expect(open('javascript:alert(1)')).toEqual({ action: 'deny' });
    expect(open('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(open(rendererUrl)).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://docs.example/help']);
  });

  it('never lets a webview attach', () => {
    const { fire } = guarded();
    expect(fire('will-attach-webview')).toBe(true);
  });

  it('counts only http and https as external web links', () => {
    expect(isExternalWebUrl('http://a.example')).toBe(true);
    expect(isExternalWebUrl('smb://share/x')).toBe(false);
    expect(isExternalWebUrl('not a url')).toBe(false);
  });
});
