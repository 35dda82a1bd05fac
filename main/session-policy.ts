/** The parts of an Electron session the shell locks down. */
export interface LockableSession {
  webRequest: {
    onHeadersReceived(
      listener: (
        details: { responseHeaders?: Record<string, string[]> },
        callback: (response: { responseHeaders?: Record<string, string | string[]> }) => void,
      ) => void,
    ): void;
  };
  setPermissionRequestHandler(
    handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void,
  ): void;
  setPermissionCheckHandler(handler: () => boolean): void;
}

/**
 * Customers' files as the thread shows them (thumbnails, voice notes, PDFs in the viewer): signed
 * links to the file route of whichever server the agent signed in to, and nothing else there.
 */
const SIGNED_FILES = ['http://*:*/api/files/', 'https://*:*/api/files/'];

/**
 * The Content-Security-Policy for our page. Never 'unsafe-eval'. The renderer reaches the network
 * only through the contract, so it connects to itself alone; the dev server additionally needs
 * its websocket and the React refresh preamble (an inline script) while developing.
 */
export function contentSecurityPolicy(devServerUrl?: string): string {
  const dev = devServerUrl ? new URL(devServerUrl) : null;
  const devSocket = dev ? `${dev.protocol === 'https:' ? 'wss:' : 'ws:'}//${dev.host}` : null;
  const directives: [string, string[]][] = [
    ['default-src', ["'self'"]],
    ['script-src', dev ? ["'self'", "'unsafe-inline'"] : ["'self'"]],
    ['style-src', ["'self'", "'unsafe-inline'"]],
    ['img-src', ["'self'", 'data:', 'blob:', ...SIGNED_FILES]],
    ['media-src', ["'self'", 'blob:', ...SIGNED_FILES]],
    ['font-src', ["'self'", 'data:']],
    ['connect-src', devSocket ? ["'self'", devSocket] : ["'self'"]],
    ['object-src', ["'none'"]],
    ['frame-src', SIGNED_FILES],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
  ];
  return directives.map(([name, values]) => `${name} ${values.join(' ')}`).join('; ');
}

/** Replaces any Content-Security-Policy header in `headers` with ours. */
export function withContentSecurityPolicy(
  headers: Record<string, string[]> | undefined,
  policy: string,
): Record<string, string[]> {
  const kept = Object.entries(headers ?? {}).filter(([name]) => name.toLowerCase() !== 'content-security-policy');
  return { ...Object.fromEntries(kept), 'Content-Security-Policy': [policy] };
}

/** Sends our CSP with every response and refuses every permission (camera, geolocation, …). */
export function lockDownSession(session: LockableSession, policy: string): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders, policy) });
  });
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
