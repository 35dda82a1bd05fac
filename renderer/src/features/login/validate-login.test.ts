import { describe, expect, it } from 'vitest';
import { DEFAULT_SERVER_URL, validateLogin } from './validate-login';

const good = { serverUrl: DEFAULT_SERVER_URL, email: 'agent@example.com', password: 'secret' };

describe('validateLogin', () => {
  it('accepts a complete form', () => {
    expect(validateLogin(good)).toBeNull();
  });

  it('asks for a full http(s) server address', () => {
    expect(validateLogin({ ...good, serverUrl: '127.0.0.1:7340' })).toBe('login.invalidServerUrl');
    expect(validateLogin({ ...good, serverUrl: 'ftp://example.com' })).toBe('login.invalidServerUrl');
    expect(validateLogin({ ...good, serverUrl: 'https://support.example.com' })).toBeNull();
  });

  it('asks for the email, then the password', () => {
    expect(validateLogin({ ...good, email: '  ' })).toBe('login.emailRequired');
    expect(validateLogin({ ...good, password: '' })).toBe('login.passwordRequired');
  });
});
