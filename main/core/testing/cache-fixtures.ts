import type { Contact, Conversation, Message } from '../../../shared/domain';
import { CacheStore } from '../cache/cache-store';
import { FieldCipher } from '../cache/field-cipher';
import { migrate } from '../cache/migrate';
import { SqliteDb } from '../cache/sqlite';

/** Test data builders for the client core: a valid object with the fields a test cares about set. */
export function aConversation(overrides: Partial<Conversation> & { id: string }): Conversation {
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
    routingState: 'assigned',
    groupId: null,
    groupName: null,
    priority: 0,
    offeredToId: null,
    offerExpiresAt: null,
    waitingSince: null,
    summary: null,
    ...overrides,
  };
}

export function aMessage(overrides: Partial<Message> & { id: string; seq: number }): Message {
  return {
    conversationId: 'c1',
    senderType: 'contact',
    senderId: null,
    senderName: null,
    body: `text of ${overrides.id}`,
    clientId: null,
    createdAt: '2025-01-01T10:00:00.000Z',
    internal: false,
    ...overrides,
  };
}

export function aContact(overrides: Partial<Contact> & { id: string }): Contact {
  return { name: `Contact ${overrides.id}`, email: null, phone: null, vipLevel: 0, tags: [], ...overrides };
}

/** A migrated cache in memory. */
export async function memoryCache(): Promise<CacheStore> {
  const db = await SqliteDb.open(':memory:');
  await migrate(db);
  return new CacheStore(db, FieldCipher.random());
}

/** Stores conversations, messages and contacts in one write, as a sync page does. */
export async function fill(
  store: CacheStore,
  data: { conversations?: Conversation[]; messages?: Message[]; contacts?: Contact[] },
): Promise<void> {
  await store.db.write(async (tx) => {
    await store.putConversations(tx, data.conversations ?? []);
    await store.putContacts(tx, data.contacts ?? []);
    await store.putMessages(tx, data.messages ?? []);
  });
}
