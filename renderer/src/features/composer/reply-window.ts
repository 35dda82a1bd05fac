import { REPLY_WINDOW_HOURS, replyWindowReasonSchema, type ReplyWindowReason } from '../../../../shared/channels';
import type { InboxConversation, ThreadMessage } from '../../../../shared/contract';
import { channelKindSchema, type ChannelKind } from '../../../../shared/domain';
import type { AppErrorShape } from '../../../../shared/errors';
import type { Translate } from '../../i18n/translate';

/**
 * Why free-form replies cannot reach the customer now: the platform's window since their last
 * message (WhatsApp 24 h, then only approved templates; WeChat 48 h) closed. `refused`: the server
 * turned a reply down (it is back in the composer); `closed`: the thread says so before sending.
 */
export interface ReplyWindowNotice {
  state: 'refused' | 'closed';
  reason: ReplyWindowReason;
  channelKind: ChannelKind;
  hours: number;
}

/** Whether a reply came back because the platform's window is closed, and on which platform. */
export function windowRefusal(error: AppErrorShape | null | undefined): { reason: ReplyWindowReason; channelKind: ChannelKind | null } | null {
  if (error?.code !== 'forbidden') return null;
  const reason = replyWindowReasonSchema.safeParse(error.details?.['reason']);
  if (!reason.success) return null;
  const kind = channelKindSchema.safeParse(error.details?.['channelKind']);
  return { reason: reason.data, channelKind: kind.success ? kind.data : null };
}

/** When the customer last wrote in this thread (ISO), or null when the thread does not say. */
export function lastCustomerMessageAt(conversation: InboxConversation, messages: readonly ThreadMessage[]): string | null {
  let last: string | null = null;
  for (const m of messages) {
    if (m.senderType === 'contact' && !m.internal && (last === null || m.createdAt > last)) last = m.createdAt;
  }
  // Before the thread is loaded, the inbox line may know: the last message was the customer's.
  if (last === null && conversation.lastMessageSenderType === 'contact') last = conversation.lastMessageAt;
  return last;
}

/**
 * The notice over the composer of a WhatsApp or WeChat conversation whose window is closed: the
 * server's refusal of a reply when there was one, else what the thread shows at `now` (ms). Null
 * for other channels and while the window is open (or the thread does not say when it opened).
 */
export function replyWindowNotice(
  conversation: InboxConversation,
  messages: readonly ThreadMessage[],
  draftReason: AppErrorShape | null,
  now: number,
): ReplyWindowNotice | null {
  const refusal = windowRefusal(draftReason);
  if (refusal) {
    const channelKind = refusal.channelKind ?? conversation.channelKind;
    return { state: 'refused', reason: refusal.reason, channelKind, hours: REPLY_WINDOW_HOURS[channelKind] ?? 24 };
  }
  const hours = REPLY_WINDOW_HOURS[conversation.channelKind];
  if (hours === undefined || conversation.status !== 'open') return null;
  const last = lastCustomerMessageAt(conversation, messages);
  const lastMs = last === null ? NaN : Date.parse(last);
  if (Number.isNaN(lastMs) || now - lastMs <= hours * 3600_000) return null;
  return {
    state: 'closed',
    reason: conversation.channelKind === 'whatsapp' ? 'template_required' : 'window_closed',
    channelKind: conversation.channelKind,
    hours,
  };
}

/** The notice in words: what the platform allows now, and (after a refusal) that the reply is kept. */
export function describeReplyWindow(t: Translate, notice: ReplyWindowNotice): string {
  const params = { hours: notice.hours, platform: t(`channel.${notice.channelKind}`) };
  if (notice.state === 'refused') {
    return notice.reason === 'template_required' ? t('composer.window.refused.template', params) : t('composer.window.refused.closed', params);
  }
  return notice.reason === 'template_required' ? t('composer.window.closed.template', params) : t('composer.window.closed.closed', params);
}
