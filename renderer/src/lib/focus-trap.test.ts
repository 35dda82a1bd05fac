import { describe, expect, it } from 'vitest';
import { trapTab } from './focus-trap';

describe('focus trap', () => {
  it('wraps from the last element to the first, and back with Shift+Tab', () => {
    expect(trapTab(3, 4, false)).toBe(0);
    expect(trapTab(0, 4, true)).toBe(3);
  });

  it('lets Tab move normally inside', () => {
    expect(trapTab(1, 4, false)).toBeNull();
    expect(trapTab(2, 4, true)).toBeNull();
  });

  it('brings focus from outside back in', () => {
    expect(trapTab(-1, 4, false)).toBe(0);
    expect(trapTab(-1, 4, true)).toBe(3);
    expect(trapTab(-1, 0, false)).toBeNull();
  });

  it('keeps focus on a single element', () => {
    expect(trapTab(0, 1, false)).toBe(0);
    expect(trapTab(0, 1, true)).toBe(0);
  });
});
