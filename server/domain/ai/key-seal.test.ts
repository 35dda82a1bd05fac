import { describe, expect, it } from 'vitest';
import { sealKey, unsealKey } from './key-seal';

describe('the provider key at rest', () => {
  it('is sealed differently each time and opens only with the same secret', () => {
    const a = sealKey('sk-live-123', 'secret-one');
    const b = sealKey('sk-live-123', 'secret-one');
    expect(a).not.toContain('sk-live-123');
    expect(a).not.toBe(b);
    expect(unsealKey(a, 'secret-one')).toBe('sk-live-123');
    expect(unsealKey(a, 'secret-two')).toBeNull();
    expect(unsealKey(`${a.slice(0, -2)}xx`, 'secret-one')).toBeNull();
    expect(unsealKey('garbage', 'secret-one')).toBeNull();
  });
});
