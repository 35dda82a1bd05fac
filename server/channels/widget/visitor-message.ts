import type { VisitorMessage } from '../../../shared/protocol';
import type { VisitorFile } from '../../../shared/attachments';
import type { Attachment, Message } from '../../../shared/domain';
import { INLINE_IMAGE_TYPES } from '../../../shared/outbound-files';
import { toMessage, type MessageView } from '../../domain/conversations/message-repository';

const FROM_BY_SENDER = { contact: 'me', agent: 'agent', bot: 'bot', system: 'system' } as const;

/**
 * A message as the customer sees it, or null for anything they must not see. Only the four
 * customer-facing sender types map, never an internal note; anything added later stays hidden.
 */
export function toVisitorMessage(message: Message, choices?: readonly { title: string; reply: string }[]): VisitorMessage | null {
  // Agents-only notes (transfer notes) never reach the customer, whoever wrote them.
  if (message.internal !== false) return null;
  const from = (FROM_BY_SENDER as Record<string, VisitorMessage['from'] | undefined>)[message.senderType];
  if (!from) return null;
  return {
    id: message.id,
    seq: message.seq,
    from,
    senderName: from === 'me' ? null : message.senderName,
    body: message.body,
    createdAt: message.createdAt,
    clientId: from === 'me' ? message.clientId : null,
    ...(message.system ? { system: message.system } : {}),
    ...(message.attachment?.fileId ? { file: visitorFile(message.attachment) } : {}),
    ...(from === 'bot' && choices && choices.length > 0 ? { choices: choices.map(({ title, reply }) => ({ title, reply })) } : {}),
  };
}

/** A message's stored file as the widget shows it: a picture when the browser shows its type inline, else a file card. */
function visitorFile(a: Attachment): VisitorFile {
  const picture = a.kind === 'image' && a.state === 'ready' && a.mimeType !== null && (INLINE_IMAGE_TYPES as readonly string[]).includes(a.mimeType);
  return { fileId: a.fileId!, kind: picture ? 'image' : 'document', fileName: a.fileName, mimeType: a.mimeType, size: a.size, state: a.state ?? 'pending', caption: a.caption };
}

/** A stored message as the customer sees it, with the picks a bot message offers (buttons in the widget). */
export function visitorMessageOf(view: MessageView): VisitorMessage | null {
  return toVisitorMessage(toMessage(view), view.choices);
}
