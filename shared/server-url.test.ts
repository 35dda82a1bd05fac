import { describe, expect, it } from 'vitest';
import { AppError } from './errors';
import { isLoopbackHostHeader } from './loopback';
import { checkServerUrl, normalizeServerUrl } from './server-url';

describe('server address', () => {
  it('keeps only the origin of a full address', () => {
    expect(normalizeServerUrl(' https://cs.example.com/app/ ')).toBe('https://cs.example.com');
    expect(normalizeServerUrl('HTTPS://CS.example.com:8443/x?y=1')).toBe('https://cs.example.com:8443');
  });

  it('adds https:// when the scheme is missing, and http:// only for this computer', () => {
    expect(normalizeServerUrl('cs.example.com')).toBe('https://cs.example.com');
    expect(normalizeServerUrl('cs.example.com:8443/app')).toBe('https://cs.example.com:8443');
    expect(normalizeServerUrl('127.0.0.1:7340')).toBe('http://127.0.0.1:7340');
    expect(normalizeServerUrl('localhost:7340')).toBe('http://localhost:7340');
    expect(normalizeServerUrl('[::1]:7340')).toBe('http://[::1]:7340');
    expect(normalizeServerUrl('127.0.0.1:443')).toBe('http://127.0.0.1:443');
  });

  it('refuses plain http to another machine with insecure_server', () => {
    for (const address of ['http://cs.example.com', 'http://192.168.1.20:7340', 'http://127.0.0.1.evil.example', 'http://localhost.evil.example']) {
      expect(checkServerUrl(address)).toEqual({ ok: false, code: 'insecure_server' });
      expect(() => normalizeServerUrl(address)).toThrowError(expect.objectContaining({ code: 'insecure_server' }));
    }
    expect(checkServerUrl('http://127.0.0.1:7340')).toEqual({ ok: true, url: 'http://127.0.0.1:7340' });
    expect(checkServerUrl('http://127.1.2.3:7340')).toEqual({ ok: true, url: 'http://127.1.2.3:7340' });
  });

  it('refuses something that is not an address with bad_request', () => {
    for (const address of ['', '   ', 'http://', 'ftp://cs.example.com', 'https://exa mple.com']) {
      expect(() => normalizeServerUrl(address)).toThrowError(AppError);
      expect(checkServerUrl(address)).toEqual({ ok: false, code: 'bad_request' });
    }
  });
});

describe('loopback Host header', () => {
  it('accepts names of this machine only', () => {
    expect(isLoopbackHostHeader('127.0.0.1:7341')).toBe(true);
    expect(isLoopbackHostHeader('localhost:7341')).toBe(true);
    expect(isLoopbackHostHeader('[::1]:7341')).toBe(true);
    expect(isLoopbackHostHeader('evil.example:7341')).toBe(false);
    expect(isLoopbackHostHeader('127.0.0.1.evil.example')).toBe(false);
    expect(isLoopbackHostHeader('localhost@evil.example')).toBe(false);
    expect(isLoopbackHostHeader(undefined)).toBe(false);
  });
});
