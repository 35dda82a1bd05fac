import { describe, expect, it } from 'vitest';
import { isOwnUrl, rendererPageUrl } from './own-page';

describe('own page', () => {
  const file = 'file:///app/out/renderer/index.html';

  it('treats the same built file as ours whatever its hash or query', () => {
    expect(isOwnUrl(file, file)).toBe(true);
    expect(isOwnUrl(`${file}#/inbox?x=1`, file)).toBe(true);
  });

  it('treats other files and look-alike paths as foreign', () => {
    expect(isOwnUrl('file:///app/out/renderer/index.html.evil', file)).toBe(false);
    expect(isOwnUrl('file:///app/out/renderer/other.html', file)).toBe(false);
    expect(isOwnUrl('https://app/out/renderer/index.html', file)).toBe(false);
    expect(isOwnUrl('garbage', file)).toBe(false);
  });

  it('treats the dev server origin as ours and nothing else', () => {
    const dev = 'http://localhost:5173/';
    expect(isOwnUrl('http://localhost:5173/src/main.tsx', dev)).toBe(true);
    expect(isOwnUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isOwnUrl('http://localhost.evil.example:5173/', dev)).toBe(false);
  });

  it('uses the dev server only for an unpackaged app', () => {
    const rendererIndexPath = '/app/out/renderer/index.html';
    expect(rendererPageUrl({ devServerUrl: 'http://localhost:5173/', isPackaged: false, rendererIndexPath })).toBe(
      'http://localhost:5173/',
    );
    expect(rendererPageUrl({ devServerUrl: 'http://localhost:5173/', isPackaged: true, rendererIndexPath })).toBe(file);
    expect(rendererPageUrl({ devServerUrl: undefined, isPackaged: false, rendererIndexPath })).toBe(file);
  });
});
