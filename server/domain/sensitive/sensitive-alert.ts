import type { SensitiveAlert } from '../../../shared/domain';
import { matchedPatterns, type SensitiveCheck } from '../../../shared/sensitive-words';
import type { ConversationView } from '../conversations/conversation-repository';
import type { MessageView } from '../conversations/message-repository';

const EXCERPT_LENGTH = 140;

/** Up to `max` characters of `text` on one line around [start, end), with … where it was cut. */
export function excerptAround(text: string, start: number, end: number, max = EXCERPT_LENGTH): string {
  const room = Math.max(0, max - (end - start));
  let from = Math.max(0, start - Math.floor(room / 2));
  const to = Math.min(text.length, from + max);
  from = Math.max(0, to - max);
  const line = text.slice(from, to).replace(/\s+/g, ' ');
  return `${from > 0 ? '…' : ''}${line}${to < text.length ? '…' : ''}`;
}

/** What supervisors and admins are told about a stored message that matched sensitive words. */
export function sensitiveAlert(conversation: ConversationView, message: MessageView, check: SensitiveCheck): SensitiveAlert {
  const first = check.matches[0];
  return {
    conversationId: conversation.id,
    messageId: message.id,
    contactName: conversation.contactName,
    senderType: message.senderType,
    senderName: message.senderName,
    words: matchedPatterns(check.matches),
    excerpt: first ? excerptAround(message.body, first.start, first.end) : excerptAround(message.body, 0, 0),
    at: message.createdAt,
  };
}
