/**
 * Set-up for every DOM unit test file: the files a worker runs one after another share one
 * document (see test/vitest.config.ts), so each file starts from an empty page and empty storage,
 * as it would in a document of its own.
 */
import { afterAll, beforeAll } from 'vitest';

function emptyPage(): void {
  if (typeof document === 'undefined') return;
  document.head.replaceChildren();
  document.body.replaceChildren();
  document.title = '';
  document.documentElement.removeAttribute('lang');
  document.documentElement.removeAttribute('dir');
  localStorage.clear();
  sessionStorage.clear();
}

beforeAll(emptyPage);
afterAll(emptyPage);
