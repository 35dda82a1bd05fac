import type { BrowserWindowConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { createMainWindow, type MainWindowLike } from './window';

/** A faked BrowserWindow class recording how it was built and used. */
class FakeBrowserWindow implements MainWindowLike {
  static created: FakeBrowserWindow[] = [];
  readonly listeners = new Map<string, () => void>();
  shown = false;
  loaded: string[] = [];
  constructor(readonly options: BrowserWindowConstructorOptions) {
    FakeBrowserWindow.created.push(this);
  }
  once(event: 'ready-to-show', listener: () => void) {
    this.listeners.set(event, listener);
    return this;
  }
  show() {
    this.shown = true;
  }
  loadURL(url: string) {
    this.loaded.push(url);
    return Promise.resolve();
  }
}

const paths = { preload: '/app/out/preload/index.cjs', rendererUrl: 'app://switchboard/index.html' };

describe('main window', () => {
  it('is created with exactly the secure webPreferences', () => {
    const window = createMainWindow(FakeBrowserWindow, paths);
    expect(window.options.webPreferences).toStrictEqual({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      disableBlinkFeatures: 'Auxclick',
      spellcheck: true,
      preload: '/app/out/preload/index.cjs',
    });
  });

  it('loads our page hidden and shows it once ready to show', () => {
    const window = createMainWindow(FakeBrowserWindow, paths);
    expect(window.options.show).toBe(false);
    expect(window.loaded).toEqual(['app://switchboard/index.html']);
    expect(window.shown).toBe(false);
    window.listeners.get('ready-to-show')?.();
    expect(window.shown).toBe(true);
  });

  it('reports a page that fails to load', async () => {
    class FailingWindow extends FakeBrowserWindow {
      override loadURL() {
        return Promise.reject(new Error('ERR_FILE_NOT_FOUND'));
      }
    }
    const errors: unknown[] = [];
    createMainWindow(FailingWindow, paths, (error) => errors.push(error));
    await Promise.resolve();
    await Promise.resolve();
    expect(errors).toEqual([new Error('ERR_FILE_NOT_FOUND')]);
  });
});
