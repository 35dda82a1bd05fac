import { describe, expect, it } from 'vitest';
import { normalizeProviderUrl } from './provider-url';

const codeOf = (input: string) => {
  try {
    normalizeProviderUrl(input);
    return null;
  } catch (err) {
    return (err as { code: string }).code;
  }
};

describe('the provider base URL', () => {
  it('keeps https URLs with their path, and http only to this machine', () => {
    expect(normalizeProviderUrl(' https://api.openai.com/v1/ ')).toBe('https://api.openai.com/v1');
    expect(normalizeProviderUrl('http://127.0.0.1:11434/v1')).toBe('http://127.0.0.1:11434/v1');
    expect(normalizeProviderUrl('http://localhost:8000')).toBe('http://localhost:8000');
    expect(normalizeProviderUrl('')).toBe('');
  });

  it('refuses plain http elsewhere, other schemes, credentials and queries', () => {
    expect(codeOf('http://api.deepseek.com/v1')).toBe('insecure_server');
    expect(codeOf('ftp://x.test')).toBe('bad_request');
    expect(codeOf('api.openai.com/v1')).toBe('bad_request');
    expect(codeOf('https://user:pw@x.test/v1')).toBe('bad_request');
    expect(codeOf('https://x.test/v1?key=1')).toBe('bad_request');
  });
});
