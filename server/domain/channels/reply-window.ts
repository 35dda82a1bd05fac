import type { ChannelKind } from '../../../shared/domain';
import { REPLY_WINDOW_HOURS, type ReplyWindowReason } from '../../../shared/channels';
import { AppError } from '../../../shared/errors';
import type { Queryable } from '../../db/db';
import { toIso } from '../conversations/conversation-repository';

const PLATFORM: Partial<Record<ChannelKind, string>> = { whatsapp: 'WhatsApp', wechat: 'WeChat' };

/**
 * Refuses a reply the platform would refuse: outside the window since the customer last wrote on
 * this channel. `forbidden` with details.reason `template_required` (WhatsApp) or `window_closed`,
 * and `lastCustomerMessageAt`, so the composer can say what to do; the reply stays a draft.
 */
export async function assertReplyWindowOpen(tx: Queryable, conversation: { contactId: string; channelId: string }): Promise<void> {
  const rows = await tx.query<{ kind: ChannelKind }>('SELECT kind FROM channels WHERE id = $1', [conversation.channelId]);
  const kind = rows[0]?.kind;
  const hours = kind ? REPLY_WINDOW_HOURS[kind] : undefined;
  if (!kind || hours === undefined) return;
  const last = await tx.query<{ last: Date | string | null; open: boolean | null }>(
    `SELECT max(m.created_at) AS last, max(m.created_at) > now() - make_interval(hours => $3) AS open
     FROM messages m JOIN conversations c ON c.id = m.conversation_id
     WHERE c.contact_id = $1 AND c.channel_id = $2 AND m.sender_type = 'contact'`,
    [conversation.contactId, conversation.channelId, hours],
  );
  const row = last[0];
  if (row?.open === true) return;
  const platform = PLATFORM[kind] ?? kind;
  const lastAt = row?.last ? toIso(row.last) : '';
  throw new AppError(
    'forbidden',
    kind === 'whatsapp'
      ? `The customer last wrote more than 24 hours ago: ${platform} only accepts an approved template message now.`
      : `The customer last wrote more than ${hours} hours ago: ${platform} no longer accepts replies until they write again.`,
    { reason: (kind === 'whatsapp' ? 'template_required' : 'window_closed') satisfies ReplyWindowReason, channelKind: kind, lastCustomerMessageAt: lastAt },
  );
}
