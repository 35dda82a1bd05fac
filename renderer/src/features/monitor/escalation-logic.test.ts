import { describe, expect, it } from 'vitest';
import type { EscalationAlert } from '../../../../shared/domain';
import { waitingEscalations } from './escalation-logic';

const alert = (conversationId: string, at: string): EscalationAlert => ({
  conversationId, contactName: conversationId, groupName: null, waitingSince: '2026-01-01T00:00:00.000Z', afterSeconds: 300, nobodyOnline: true, at,
});

describe('escalations in the live monitor', () => {
  it('shows those still waiting for a person, newest first, and drops those taken or resolved', () => {
    const held = {
      a: alert('a', '2026-01-01T00:05:00.000Z'),
      b: alert('b', '2026-01-01T00:06:00.000Z'),
      c: alert('c', '2026-01-01T00:07:00.000Z'),
      d: alert('d', '2026-01-01T00:08:00.000Z'),
    };
    const conversations = [
      { id: 'a', status: 'open', routingState: 'queued' },
      { id: 'b', status: 'open', routingState: 'assigned' },
      { id: 'c', status: 'resolved', routingState: 'queued' },
    ];
    expect(waitingEscalations(held, conversations).map((e) => e.conversationId)).toEqual(['d', 'a']);
  });
});
