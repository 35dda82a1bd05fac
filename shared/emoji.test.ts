import { describe, expect, it } from 'vitest';
import { COMMON_EMOJI, insertAt } from './emoji';

describe('emoji picker', () => {
  it('puts the emoji where the caret is, replacing a selection, and moves the caret after it', () => {
    expect(insertAt('Thanks!', 6, 6, '🙏')).toEqual({ text: 'Thanks🙏!', caret: 8 });
    expect(insertAt('Thanks bad', 7, 10, '👍')).toEqual({ text: 'Thanks 👍', caret: 9 });
    expect(insertAt('', 5, 5, '😊')).toEqual({ text: '😊', caret: 2 });
  });

  it('offers each emoji once', () => {
    expect(new Set(COMMON_EMOJI).size).toBe(COMMON_EMOJI.length);
  });
});
