import { describe, expect, it } from 'vitest';
import { ActivityBoard, STALE_TYPING_MS } from './activity-board';

const wang = { id: 'u-wang', name: '王芳', role: 'agent' as const };
const lin = { id: 'u-lin', name: '陈琳', role: 'supervisor' as const };
const T = Date.parse('2026-03-01T09:00:00.000Z');

describe('activity board', () => {
  it('records viewing and typing, with the preview only while typing, and says when nothing changed', () => {
    const board = new ActivityBoard();
    expect(board.set(wang, 'c1', 'viewing', 'ignored', T)).toEqual({
      changed: true,
      activity: { conversationId: 'c1', userId: 'u-wang', name: '王芳', role: 'agent', state: 'viewing', preview: null, at: '2026-03-01T09:00:00.000Z' },
    });
    expect(board.set(wang, 'c1', 'viewing', undefined, T + 1).changed).toBe(false);
    expect(board.set(wang, 'c1', 'typing', '您好', T + 2)).toMatchObject({ changed: true, activity: { state: 'typing', preview: '您好' } });
    expect(board.set(wang, 'c1', 'typing', '您好', T + 3).changed).toBe(false);
    expect(board.set(wang, 'c1', 'typing', '您好，', T + 4).changed).toBe(true);
    expect(board.list('c1').map((a) => [a.userId, a.state, a.preview])).toEqual([['u-wang', 'typing', '您好，']]);
  });

  it('removes a person on idle, and says so only when they were there', () => {
    const board = new ActivityBoard();
    expect(board.set(wang, 'c1', 'idle', undefined, T).changed).toBe(false);
    board.set(wang, 'c1', 'viewing', undefined, T);
    expect(board.set(wang, 'c1', 'idle', undefined, T + 1)).toMatchObject({ changed: true, activity: { state: 'idle', preview: null } });
    expect(board.list('c1')).toEqual([]);
    expect(board.current(wang, 'c1', T + 2)).toMatchObject({ state: 'idle', userId: 'u-wang' });
  });

  it('takes someone out of every conversation at once when they leave', () => {
    const board = new ActivityBoard();
    board.set(wang, 'c1', 'viewing', undefined, T);
    board.set(wang, 'c2', 'typing', 'x', T);
    board.set(lin, 'c2', 'viewing', undefined, T);
    expect(board.leave('u-wang', T + 5).map((a) => [a.conversationId, a.state, a.preview])).toEqual([['c1', 'idle', null], ['c2', 'idle', null]]);
    expect(board.list('c1')).toEqual([]);
    expect(board.list('c2').map((a) => a.userId)).toEqual(['u-lin']);
    expect(board.leave('u-wang', T + 6)).toEqual([]);
  });

  it('turns typing that was not refreshed in time into viewing; repeating the same text keeps it fresh', () => {
    const board = new ActivityBoard();
    board.set(wang, 'c1', 'typing', 'draft', T);
    board.set(lin, 'c1', 'typing', 'note', T);
    board.set(lin, 'c1', 'typing', 'note', T + STALE_TYPING_MS - 1);
    expect(board.expireTyping(T + STALE_TYPING_MS - 1)).toEqual([]);
    const expired = board.expireTyping(T + STALE_TYPING_MS);
    expect(expired.map((a) => [a.userId, a.state, a.preview])).toEqual([['u-wang', 'viewing', null]]);
    expect(board.list('c1').map((a) => [a.userId, a.state])).toEqual([['u-lin', 'typing'], ['u-wang', 'viewing']]);
  });
});
