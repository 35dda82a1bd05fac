import type { Contact, Conversation, Message } from '../../../shared/domain';
import type { FieldCipher } from './field-cipher';

/*
 * What the cache seals (field-cipher.ts): whatever a customer or an agent wrote, and what names or
 * reaches a customer. Ids, sequence numbers, times, states and tags stay clear: the cache's SQL
 * sorts, filters and counts by them.
 */
const MESSAGE_FIELDS = ['body', 'senderName', 'attachment', 'channelDetails'] as const satisfies readonly (keyof Message)[];
const CONVERSATION_FIELDS = ['contactName', 'lastMessagePreview', 'summary'] as const satisfies readonly (keyof Conversation)[];
const CONTACT_FIELDS = ['name', 'email', 'phone'] as const satisfies readonly (keyof Contact)[];

export const sealMessage = (cipher: FieldCipher, m: Message): Message => cipher.sealFields(m, MESSAGE_FIELDS);
export const openMessage = (cipher: FieldCipher, m: Message): Message => cipher.openFields(m, MESSAGE_FIELDS);
export const sealConversation = <C extends Conversation>(cipher: FieldCipher, c: C): C => cipher.sealFields(c, CONVERSATION_FIELDS);
export const openConversation = <C extends Conversation>(cipher: FieldCipher, c: C): C => cipher.openFields(c, CONVERSATION_FIELDS);
export const sealContact = (cipher: FieldCipher, c: Contact): Contact => cipher.sealFields(c, CONTACT_FIELDS);
export const openContact = (cipher: FieldCipher, c: Contact): Contact => cipher.openFields(c, CONTACT_FIELDS);
