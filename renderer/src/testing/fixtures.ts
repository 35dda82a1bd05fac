import type { ThreadMessage } from '../../../shared/contract';
import type { Conversation } from '../../../shared/domain';

/** Test data builders: a valid object with the fields a test cares about overridden. */
export function conversation(overrides: Partial<Conversation> & { id: string }): Conversation {
  return {
    seq: 1,
    channelId: 'ch-1',
    channelKind: 'widget',
    contactId: `contact-${overrides.id}`,
    contactName: `Contact ${overrides.id}`,
    status: 'open',
    assigneeId: null,
    assigneeName: null,
    lastMessageAt: '2025-01-01T10:00:00.000Z',
    lastMessagePreview: 'Hello',
    lastMessageSenderType: 'contact',
    createdAt: '2025-01-01T09:00:00.000Z',
    ...overrides,
  };
}

export function message(overrides: Partial<ThreadMessage> & { id: string }): ThreadMessage {
  return {
    conversationId: 'c1',
    seq: 1,
    senderType: 'contact',
    senderId: null,
    senderName: null,
    body: `body of ${overrides.id}`,
    clientId: null,
    createdAt: '2025-01-01T10:00:00.000Z',
    delivery: 'sent',
    error: null,
    ...overrides,
  };
}
