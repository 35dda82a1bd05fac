/** The parts of webContents the navigation guard hooks into. */
export interface GuardableContents {
  on(event: 'will-navigate' | 'will-redirect', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export interface PreventableEvent {
  preventDefault(): void;
}

/** True for a URL we may hand to the operating system's browser: http or https only. */
export function isExternalWebUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * Keeps a webContents on our own page: foreign navigations and redirects are prevented, new
 * windows are always denied (web links go to the system browser instead), webviews never attach.
 */
export function guardNavigation(
  contents: GuardableContents,
  isOwnUrl: (url: string) => boolean,
  openExternal: (url: string) => void,
): void {
  const keepOnOwnPage = (event: PreventableEvent, url: string) => {
    if (!isOwnUrl(url)) event.preventDefault();
  };
  contents.on('will-navigate', keepOnOwnPage);
  contents.on('will-redirect', keepOnOwnPage);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalWebUrl(url)) openExternal(url);
    return { action: 'deny' };
  });
}
