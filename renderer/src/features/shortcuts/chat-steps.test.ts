import { describe, expect, it } from 'vitest';
import { conversation } from '../../testing/fixtures';
import { nextUnread, stepChat } from './chat-steps';
import { nextPresence } from './presence-cycle';

const list = [conversation({ id: 'a' }), conversation({ id: 'b', unread: 1 }), conversation({ id: 'c' }), conversation({ id: 'd', unread: 3 })];

describe('moving between chats by shortcut', () => {
  it('goes to the next or previous row, and stops at either end', () => {
    expect(stepChat(list, 'b', 1)).toBe('c');
    expect(stepChat(list, 'b', -1)).toBe('a');
    expect(stepChat(list, 'd', 1)).toBeNull();
    expect(stepChat(list, 'a', -1)).toBeNull();
  });

  it('starts at the top (next) or the bottom (previous) when no chat is open', () => {
    expect(stepChat(list, null, 1)).toBe('a');
    expect(stepChat(list, null, -1)).toBe('d');
    expect(stepChat([], null, 1)).toBeNull();
  });

  it('finds the next unread chat after the open one, going round', () => {
    expect(nextUnread(list, 'a')).toBe('b');
    expect(nextUnread(list, 'b')).toBe('d');
    expect(nextUnread(list, 'd')).toBe('b');
    expect(nextUnread(list, null)).toBe('b');
    expect(nextUnread([conversation({ id: 'x' })], null)).toBeNull();
  });

  it('cycles the status online → busy → away → online', () => {
    expect(['online', 'busy', 'away', 'offline'].map((p) => nextPresence(p as 'online'))).toEqual(['busy', 'away', 'online', 'online']);
  });
});
