import { describe, expect, it } from 'vitest';
import { changeAudience, conversationRooms } from './audience';

describe('push audience', () => {
  it('sends unassigned conversations to every agent of the account', () => {
    expect(conversationRooms('acc', null)).toEqual(['account:acc:agents']);
  });

  it('sends assigned conversations to staff and the assignee only', () => {
    expect(conversationRooms('acc', 'u1')).toEqual(['account:acc:staff', 'user:u1']);
  });

  it('tells the previous audience about the conversation but sends the message only to the new one', () => {
    expect(changeAudience('acc', 'u2', 'u1')).toEqual({
      conversation: ['account:acc:staff', 'user:u2', 'user:u1'],
      message: ['account:acc:staff', 'user:u2'],
    });
    expect(changeAudience('acc', 'u1', null)).toEqual({
      conversation: ['account:acc:staff', 'user:u1', 'account:acc:agents'],
      message: ['account:acc:staff', 'user:u1'],
    });
  });

  it('has no previous audience for a new conversation', () => {
    expect(changeAudience('acc', null, undefined)).toEqual({
      conversation: ['account:acc:agents'],
      message: ['account:acc:agents'],
    });
  });
});
