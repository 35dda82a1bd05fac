import { describe, expect, it } from 'vitest';
import type { RoutingState } from '../../../shared/domain';
import type { ConversationChange } from '../conversations/message-change';
import { startsRouting } from './routing-trigger';

function change(routingState: RoutingState, previousAssigneeId: string | null | undefined, created = true): ConversationChange {
  const conversation = { id: 'c1', routingState } as ConversationChange['conversation'];
  return { conversation, previousAssigneeId, created };
}

describe('which customer messages start a routing run', () => {
  it('a message that opened a conversation does', () => {
    expect(startsRouting(change('queued', undefined))).toBe(true);
  });

  it('a message in a conversation already waiting or with an agent does not', () => {
    expect(startsRouting(change('queued', null))).toBe(false);
    expect(startsRouting(change('assigned', 'agent-1'))).toBe(false);
    expect(startsRouting(change('bot', null), null)).toBe(false);
  });

  it('a repeated send (nothing stored) does not', () => {
    expect(startsRouting(change('queued', undefined, false))).toBe(false);
  });

  it('the bot handing the conversation to a person does', () => {
    expect(startsRouting(change('bot', null), change('queued', null))).toBe(true);
    expect(startsRouting(change('bot', null), change('bot', null))).toBe(false);
  });
});
