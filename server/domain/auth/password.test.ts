import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password';

describe('password hashing', () => {
  it('verifies the right password and rejects a wrong one', async () => {
    const stored = await hashPassword('correct horse 电池');
    expect(await verifyPassword('correct horse 电池', stored)).toBe(true);
    expect(await verifyPassword('correct horse', stored)).toBe(false);
  });

  it('stores the scrypt parameters and a random salt in the hash', async () => {
    const a = await hashPassword('same', { N: 1024, r: 8, p: 1 });
    const b = await hashPassword('same', { N: 1024, r: 8, p: 1 });
    expect(a).toMatch(/^scrypt\$1024\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('same', a)).toBe(true);
  });

  it('uses a memory-hard cost by default', async () => {
    const stored = await hashPassword('x');
    const [, n, r] = stored.split('$');
    expect(128 * Number(n) * Number(r)).toBeGreaterThanOrEqual(16 * 1024 * 1024);
  });

  it('treats malformed or absurd hashes as a mismatch instead of throwing', async () => {
    expect(await verifyPassword('x', '')).toBe(false);
    expect(await verifyPassword('x', 'bcrypt$abc')).toBe(false);
    expect(await verifyPassword('x', 'scrypt$notanumber$8$1$abc$def')).toBe(false);
    expect(await verifyPassword('x', 'scrypt$1073741824$8$1$abc$def')).toBe(false);
  });
});
