import { describe, expect, it } from 'vitest';
import { uuidv7 } from './ids';

describe('uuidv7', () => {
  it('makes RFC 9562 version 7 ids that carry the creation time', () => {
    // Later than any id this process made before: ids never go back in time, so an earlier time
    // would carry the last one's.
    const at = Date.now() + 60_000;
    const id = uuidv7(at);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const ms = parseInt(id.replace(/-/g, '').slice(0, 12), 16);
    expect(ms).toBe(at);
  });

  it('sorts in creation order even within one millisecond', () => {
    const now = Date.now() + 10_000;
    const ids = Array.from({ length: 500 }, () => uuidv7(now));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(500);
  });
});
