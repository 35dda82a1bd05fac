import type { BrowserWindowConstructorOptions } from 'electron';

/** The only webPreferences our window is ever created with. */
export function secureWebPreferences(preloadPath: string) {
  return {
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    webSecurity: true,
    preload: preloadPath,
  } as const satisfies BrowserWindowConstructorOptions['webPreferences'];
}

/** The parts of a BrowserWindow the shell uses when creating the main window. */
export interface MainWindowLike {
  once(event: 'ready-to-show', listener: () => void): unknown;
  show(): void;
  loadURL(url: string): Promise<void>;
}

export type BrowserWindowConstructor<W extends MainWindowLike> = new (options: BrowserWindowConstructorOptions) => W;

export interface MainWindowPaths {
  /** Absolute path of the built preload (out/preload/index.cjs). */
  preload: string;
  /** Our renderer page, from `rendererPageUrl`. */
  rendererUrl: string;
}

/** Creates the workstation window hidden, shows it once painted, and loads our page. */
export function createMainWindow<W extends MainWindowLike>(
  BrowserWindowCtor: BrowserWindowConstructor<W>,
  paths: MainWindowPaths,
  onLoadError: (error: unknown) => void = (error) => console.error('Could not load the Switchboard window:', error),
): W {
  const window = new BrowserWindowCtor({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Switchboard',
    backgroundColor: '#f6f7f9',
    webPreferences: secureWebPreferences(paths.preload),
  });
  window.once('ready-to-show', () => window.show());
  window.loadURL(paths.rendererUrl).catch(onLoadError);
  return window;
}
