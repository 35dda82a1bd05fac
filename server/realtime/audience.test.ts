import { describe, expect, it } from 'vitest';
import { agentsRoom, staffRoom, userRoom } from './rooms';
import {
  changeAudience, conversationRooms, conversationSeqDelivery, messageSeqDelivery, type RoomTarget, type SeqDelivery,
} from './audience';

describe('push audience', () => {
  it('sends unassigned conversations to every agent of the account', () => {
    expect(conversationRooms('acc', null)).toEqual(['account:acc:agents']);
  });

  it('sends assigned conversations to staff and the assignee only', () => {
    expect(conversationRooms('acc', 'u1')).toEqual(['account:acc:staff', 'user:u1']);
  });

  it('has no previous audience for a new conversation', () => {
    expect(changeAudience('acc', null, undefined)).toEqual({ allowed: ['account:acc:agents'], before: [], account: 'account:acc:agents' });
  });

  it('tells agents who lost an unassigned conversation only its id, never its content', () => {
    const delivery = conversationSeqDelivery(changeAudience('acc', 'u1', null));
    expect(delivery.content).toEqual({ to: ['account:acc:staff', 'user:u1'], except: [] });
    expect(delivery.removed).toEqual({ to: ['account:acc:agents'], except: ['account:acc:staff', 'user:u1'] });
    expect(delivery.tick.to).toEqual(['account:acc:agents']);
  });

  it('tells the previous assignee of a transfer that it was removed', () => {
    const delivery = conversationSeqDelivery(changeAudience('acc', 'u2', 'u1'));
    expect(delivery.removed).toEqual({ to: ['user:u1'], except: ['account:acc:staff', 'user:u2'] });
  });

  it('sends no removal when the audience did not shrink', () => {
    expect(conversationSeqDelivery(changeAudience('acc', 'u1', 'u1')).removed).toBeNull();
    expect(conversationSeqDelivery(changeAudience('acc', null, null)).removed).toBeNull();
    expect(conversationSeqDelivery(changeAudience('acc', null, undefined)).removed).toBeNull();
  });

  it('never targets an empty room list (socket.io would broadcast to the whole namespace)', () => {
    for (const [now, before] of transitions) {
      const audience = changeAudience('acc', now, before);
      for (const delivery of [conversationSeqDelivery(audience), messageSeqDelivery(audience)]) {
        for (const target of targets(delivery)) expect(target.to.length).toBeGreaterThan(0);
      }
    }
  });
});

// ---- every socket hears of every seq exactly once ------------------------------------------------

/** The rooms each kind of agent socket joins on connect (see agent-namespace.ts). */
const sockets: Record<string, string[]> = {
  supervisor: [agentsRoom('acc'), userRoom('sup'), staffRoom('acc')],
  u1: [agentsRoom('acc'), userRoom('u1')],
  u2: [agentsRoom('acc'), userRoom('u2')],
  u3: [agentsRoom('acc'), userRoom('u3')],
};

/** Every (assignee now, assignee before) pair, including a new conversation. */
const transitions: [string | null, string | null | undefined][] = [];
for (const now of [null, 'u1', 'u2', 'sup']) for (const before of [undefined, null, 'u1', 'u2', 'sup']) transitions.push([now, before]);

/** socket.io's room semantics: in any room of `to` and in no room of `except`. */
function reaches(target: RoomTarget, rooms: string[]): boolean {
  return target.to.some((r) => rooms.includes(r)) && !target.except.some((r) => rooms.includes(r));
}

function targets(delivery: SeqDelivery): RoomTarget[] {
  return [delivery.content, delivery.tick, ...(delivery.removed ? [delivery.removed] : [])];
}

/** What one socket gets for one seq. */
function received(delivery: SeqDelivery, rooms: string[]): string[] {
  const events: string[] = [];
  if (reaches(delivery.content, rooms)) events.push('content');
  if (delivery.removed && reaches(delivery.removed, rooms)) events.push('removed');
  if (reaches(delivery.tick, rooms)) events.push('tick');
  return events;
}

const canSee = (socket: string, assignee: string | null) =>
  socket === 'supervisor' || assignee === null || assignee === socket;

describe('seq delivery', () => {
  it.each(transitions)('reaches every socket exactly once (assignee %s, before %s)', (now, before) => {
    const audience = changeAudience('acc', now, before);
    for (const [socket, rooms] of Object.entries(sockets)) {
      const sawBefore = before !== undefined && canSee(socket, before);
      const seesNow = canSee(socket, now);

      const conversation = received(conversationSeqDelivery(audience), rooms);
      expect(conversation).toEqual([seesNow ? 'content' : sawBefore ? 'removed' : 'tick']);

      const message = received(messageSeqDelivery(audience), rooms);
      expect(message).toEqual([seesNow ? 'content' : 'tick']);
    }
  });
});
