import { describe, expect, it } from 'vitest';
import type { Message } from '../../../shared/domain';
import { toVisitorMessage } from './visitor-message';

const base: Message = {
  id: 'm1', conversationId: 'c1', seq: 3, senderType: 'contact', senderId: 'ct1', senderName: 'Sarah',
  body: 'hello', clientId: 'cid', createdAt: '2025-01-01T00:00:00.000Z', internal: false,
};

describe('messages as the visitor sees them', () => {
  it("marks the contact's own messages as 'me'", () => {
    expect(toVisitorMessage(base)).toMatchObject({ from: 'me', senderName: null, clientId: 'cid' });
  });

  it('shows agents by name and hides their client ids', () => {
    expect(toVisitorMessage({ ...base, senderType: 'agent', senderId: 'u1', senderName: '王芳' })).toMatchObject({
      from: 'agent', senderName: '王芳', clientId: null,
    });
  });

  it('hides sender types the visitor must not see', () => {
    const note = { ...base, senderType: 'note' } as unknown as Message;
    expect(toVisitorMessage(note)).toBeNull();
  });

  it('never shows an internal note, whoever wrote it', () => {
    for (const senderType of ['agent', 'system', 'bot', 'contact'] as const) {
      expect(toVisitorMessage({ ...base, senderType, internal: true })).toBeNull();
    }
    // A message without the flag (an old client shape) is treated as internal: fail closed.
    const unflagged = { ...base, internal: undefined } as unknown as Message;
    expect(toVisitorMessage(unflagged)).toBeNull();
  });
});
