import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, lockDownSession, withContentSecurityPolicy, type LockableSession } from './session-policy';

/** A faked Electron session capturing the handlers the shell installs. */
function fakeSession() {
  const installed: {
    headers?: Parameters<LockableSession['webRequest']['onHeadersReceived']>[0];
    permissionRequest?: Parameters<LockableSession['setPermissionRequestHandler']>[0];
    permissionCheck?: () => boolean;
  } = {};
  const session: LockableSession = {
    webRequest: { onHeadersReceived: (listener) => (installed.headers = listener) },
    setPermissionRequestHandler: (handler) => (installed.permissionRequest = handler),
    setPermissionCheckHandler: (handler) => (installed.permissionCheck = handler),
  };
  return { session, installed };
}

describe('session policy', () => {
  it('denies every permission request and check', () => {
    const { session, installed } = fakeSession();
    lockDownSession(session, contentSecurityPolicy());
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read']) {
      const answers: boolean[] = [];
      installed.permissionRequest?.({}, permission, (granted) => answers.push(granted));
      expect(answers).toEqual([false]);
    }
    expect(installed.permissionCheck?.()).toBe(false);
  });

  it('replaces any CSP header on responses with ours', () => {
    const { session, installed } = fakeSession();
    lockDownSession(session, "default-src 'self'");
    let response: { responseHeaders?: Record<string, string | string[]> } = {};
    installed.headers?.(
      { responseHeaders: { 'content-security-policy': ['default-src *'], 'Content-Type': ['text/html'] } },
      (r) => (response = r),
    );
    expect(response.responseHeaders).toEqual({
      'Content-Type': ['text/html'],
      'Content-Security-Policy': ["default-src 'self'"],
    });
  });

  it('never allows eval, in production or against the dev server', () => {
    for (const policy of [contentSecurityPolicy(), contentSecurityPolicy('http://localhost:5173/')]) {
      expect(policy).not.toContain('unsafe-eval');
      expect(policy).toContain("object-src 'none'");
    }
    expect(contentSecurityPolicy()).toContain("script-src 'self';");
    // Files are shown from the server's signed file route only, never from anywhere else.
    expect(contentSecurityPolicy()).toContain("frame-src http://*:*/api/files/ https://*:*/api/files/;");
    expect(contentSecurityPolicy('http://localhost:5173/')).toContain('connect-src \'self\' ws://localhost:5173');
  });

  it('adds the header to a response that had none', () => {
    expect(withContentSecurityPolicy(undefined, 'x')).toEqual({ 'Content-Security-Policy': ['x'] });
  });
});
