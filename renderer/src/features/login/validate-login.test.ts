import { describe, expect, it } from 'vitest';
import { DEFAULT_SERVER_URL, validateLogin } from './validate-login';

const good = { serverUrl: DEFAULT_SERVER_URL, email: 'agent@example.com', password: 'secret' };

describe('validateLogin', () => {
  it('accepts a complete form', () => {
    expect(validateLogin(good)).toBeNull();
  });

  it('asks for a server address, with or without its scheme', () => {
    expect(validateLogin({ ...good, serverUrl: 'ftp://example.com' })).toBe('login.invalidServerUrl');
    expect(validateLogin({ ...good, serverUrl: '' })).toBe('login.invalidServerUrl');
    expect(validateLogin({ ...good, serverUrl: '127.0.0.1:7340' })).toBeNull();
    expect(validateLogin({ ...good, serverUrl: 'support.example.com' })).toBeNull();
    expect(validateLogin({ ...good, serverUrl: 'https://support.example.com' })).toBeNull();
  });

  it('refuses plain http to another machine, saying why', () => {
    expect(validateLogin({ ...good, serverUrl: 'http://support.example.com' })).toBe('error.insecure_server');
    expect(validateLogin({ ...good, serverUrl: 'http://localhost:7340' })).toBeNull();
  });

  it('asks for the email, then the password', () => {
    expect(validateLogin({ ...good, email: '  ' })).toBe('login.emailRequired');
    expect(validateLogin({ ...good, password: '' })).toBe('login.passwordRequired');
  });
});
