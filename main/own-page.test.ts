import { describe, expect, it } from 'vitest';
import { isOwnUrl, rendererPageUrl } from './own-page';

describe('own page', () => {
  const page = 'app://switchboard/index.html';

  it('treats any page of the app:// host as ours whatever its hash or query', () => {
    expect(isOwnUrl(page, page)).toBe(true);
    expect(isOwnUrl(`${page}#/inbox?x=1`, page)).toBe(true);
    expect(isOwnUrl('app://switchboard/assets/index-abc.js', page)).toBe(true);
  });

  it('treats files, other hosts, other schemes and look-alikes as foreign', () => {
    expect(isOwnUrl('file:///app/out/renderer/index.html', page)).toBe(false);
    expect(isOwnUrl('app://switchboard.evil/index.html', page)).toBe(false);
    expect(isOwnUrl('app://evil/index.html', page)).toBe(false);
    expect(isOwnUrl('apps://switchboard/index.html', page)).toBe(false);
    expect(isOwnUrl('https://switchboard/index.html', page)).toBe(false);
    expect(isOwnUrl('garbage', page)).toBe(false);
  });

  it('treats the dev server origin as ours and nothing else', () => {
    const dev = 'http://localhost:5173/';
    expect(isOwnUrl('http://localhost:5173/src/main.tsx', dev)).toBe(true);
    expect(isOwnUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isOwnUrl('http://localhost.evil.example:5173/', dev)).toBe(false);
    expect(isOwnUrl('app://switchboard/index.html', dev)).toBe(false);
  });

  it('serves the built page from app:// and uses the dev server only for an unpackaged app', () => {
    expect(rendererPageUrl({ devServerUrl: 'http://localhost:5173/', isPackaged: false })).toBe('http://localhost:5173/');
    expect(rendererPageUrl({ devServerUrl: 'http://localhost:5173/', isPackaged: true })).toBe(page);
    expect(rendererPageUrl({ devServerUrl: undefined, isPackaged: false })).toBe(page);
  });
});
