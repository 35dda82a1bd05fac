import { describe, expect, it } from 'vitest';
import { mergeIncomingDraft } from './drafts-logic';

describe('merging the core\'s draft with typing not saved yet', () => {
  it('takes the core\'s text when everything typed is saved', () => {
    expect(mergeIncomingDraft('Hello\n\nreturned reply', null)).toBe('Hello\n\nreturned reply');
    expect(mergeIncomingDraft('', null)).toBe('');
  });

  it('puts newer typing where the saved text sits in the core\'s merge', () => {
    const incoming = 'Hello\n\nSorry for the wait';
    expect(mergeIncomingDraft(incoming, { saved: 'Hello', latest: 'Hello there' })).toBe(
      'Hello there\n\nSorry for the wait',
    );
  });

  it('keeps the typing when the core has nothing new or dropped its draft', () => {
    expect(mergeIncomingDraft('Hello', { saved: 'Hello', latest: 'Hello there' })).toBe('Hello there');
    expect(mergeIncomingDraft('', { saved: 'Hello', latest: 'Hello there' })).toBe('Hello there');
    expect(mergeIncomingDraft('Hello', { saved: 'Hello', latest: '' })).toBe('');
  });

  it('keeps both when they cannot be lined up, the core\'s text first', () => {
    expect(mergeIncomingDraft('returned reply', { saved: '', latest: 'typed before loading' })).toBe(
      'returned reply\n\ntyped before loading',
    );
    expect(mergeIncomingDraft('returned reply', { saved: 'something else', latest: 'new typing' })).toBe(
      'returned reply\n\nnew typing',
    );
  });

  it('does not repeat typing the core already holds', () => {
    expect(mergeIncomingDraft('abc and more', { saved: '', latest: 'abc' })).toBe('abc and more');
  });

  it('treats $ in the text literally', () => {
    expect(mergeIncomingDraft('pay $& now\n\nreply', { saved: 'pay $& now', latest: 'pay $1 now' })).toBe(
      'pay $1 now\n\nreply',
    );
  });
});
