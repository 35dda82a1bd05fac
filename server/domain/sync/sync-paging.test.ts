import { describe, expect, it } from 'vitest';
import type { ConversationView } from '../conversations/conversation-repository';
import type { MessageView } from '../conversations/message-repository';
import type { ConversationAccess, Member } from '../conversations/permissions';
import { needsReset, pageCursor, splitByAccess, type ChangedRow } from './sync-paging';

const rows = (...seqs: number[]): ChangedRow[] => seqs.map((seq) => ({ kind: 'm', id: `m${seq}`, seq }));

describe('sync cursor checks', () => {
  it('accepts cursors between the floor and the head', () => {
    expect(needsReset(5, { seq: 10, handed: 10, floor: 5 })).toBe(false);
    expect(needsReset(10, { seq: 10, handed: 10, floor: 0 })).toBe(false);
    expect(needsReset(0, { seq: 0, handed: 0, floor: 0 })).toBe(false);
  });

  it('keeps a cursor between the visible head and the last number handed out', () => {
    expect(needsReset(45, { seq: 40, handed: 50, floor: 0 })).toBe(false);
  });

  it('resets a cursor beyond the head', () => {
    expect(needsReset(11, { seq: 10, handed: 10, floor: 0 })).toBe(true);
    expect(needsReset(1, { seq: 0, handed: 0, floor: 0 })).toBe(true);
  });

  it('resets a cursor older than the floor, but never a full sync from 0', () => {
    expect(needsReset(4, { seq: 10, handed: 10, floor: 5 })).toBe(true);
    expect(needsReset(0, { seq: 10, handed: 10, floor: 5 })).toBe(false);
  });
});

describe('sync paging', () => {
  const head = { seq: 50, handed: 50, floor: 0 };

  it('ends at the head when the page is short', () => {
    expect(pageCursor(rows(3, 7), 5, head)).toEqual({ cursor: 50, hasMore: false });
    expect(pageCursor([], 5, head)).toEqual({ cursor: 50, hasMore: false });
  });

  it('resumes after the last row of a full page', () => {
    expect(pageCursor(rows(3, 7, 8), 3, head)).toEqual({ cursor: 8, hasMore: true });
  });

  it('never moves a cursor back while a transaction in flight holds the head below it', () => {
    expect(pageCursor([], 5, { seq: 40, handed: 50, floor: 0 }, 45)).toEqual({ cursor: 45, hasMore: false });
  });
});

const agent: Member = { id: 'u1', accountId: 'acc', role: 'agent', groupIds: [] };
const supervisor: Member = { id: 'sup', accountId: 'acc', role: 'supervisor', groupIds: [] };

function conversation(id: string, seq: number, assigneeId: string | null): ConversationView {
  return {
    id, seq, assigneeId, accountId: 'acc', channelId: 'ch', channelKind: 'widget', contactId: 'ct', contactName: 'Secret name',
    status: 'open', assigneeName: assigneeId, lastMessageAt: '', lastMessagePreview: 'secret preview', lastMessageSenderType: 'contact', createdAt: '',
    routingState: assigneeId ? 'assigned' : 'queued', groupId: null, groupName: null, priority: 0, offeredToId: null,
    offerExpiresAt: null, waitingSince: null, summary: null,
  };
}

const access = (assigneeId: string | null): ConversationAccess => ({ accountId: 'acc', assigneeId, status: 'open', groupId: null, offeredToId: null });

function message(id: string, seq: number, conversationId: string): MessageView {
  return { id, seq, conversationId, accountId: 'acc', senderType: 'contact', senderId: 'ct', senderName: null, body: 'b', clientId: null, createdAt: '', internal: false };
}

describe('sync visibility', () => {
  const conversations = [conversation('mine', 4, 'u1'), conversation('open', 2, null), conversation('theirs', 6, 'u2')];
  const messages = [
    { message: message('m5', 5, 'theirs'), access: access('u2') },
    { message: message('m3', 3, 'mine'), access: access('u1') },
    { message: message('m1', 1, 'open'), access: access(null) },
  ];

  it("gives an agent their own and unassigned conversations, and only the ids of others'", () => {
    const split = splitByAccess(agent, conversations, messages);
    expect(split.conversations.map((c) => c.id)).toEqual(['open', 'mine']);
    expect(split.removed).toEqual([{ conversationId: 'theirs', seq: 6 }]);
    expect(split.messages.map((m) => m.id)).toEqual(['m1', 'm3']);
  });

  it('decides on messages by the current assignee of their conversation', () => {
    const moved = [{ message: message('m3', 3, 'mine'), access: access('u2') }];
    expect(splitByAccess(agent, [], moved).messages).toEqual([]);
  });

  it('gives supervisors everything, in sequence order', () => {
    const split = splitByAccess(supervisor, conversations, messages);
    expect(split.conversations.map((c) => c.seq)).toEqual([2, 4, 6]);
    expect(split.messages.map((m) => m.seq)).toEqual([1, 3, 5]);
    expect(split.removed).toEqual([]);
  });
});
