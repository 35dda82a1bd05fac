import type { BrowserWindowConstructorOptions } from 'electron';

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
  BrowserWindow: BrowserWindowConstructor<W>,
  paths: MainWindowPaths,
  onLoadError: (error: unknown) => void = (error) => console.error('Could not load the Switchboard window:', error),
): W {
  // `new BrowserWindow({...})` with its webPreferences written out: the shell check
  // (build/shell-check.ts) reads exactly this expression, so it checks what the window really gets.
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Switchboard',
    backgroundColor: '#f6f7f9',
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      // Middle-click would otherwise try to open links in new windows (denied anyway, see navigation-guard.ts).
      disableBlinkFeatures: 'Auxclick',
      // Replies are written here all day: misspellings underlined in the system's languages.
      spellcheck: true,
      preload: paths.preload,
    },
  });
  window.once('ready-to-show', () => window.show());
  window.loadURL(paths.rendererUrl).catch(onLoadError);
  return window;
}
