import { useState } from 'react';
import type { ThreadMessage } from '../../../../shared/contract';
import { toAppError, type AppErrorShape } from '../../../../shared/errors';
import { useController } from '../../app/controller-context';
import type { OutboxRef } from '../../app/workstation/thread-controller';
import { describeError, systemLineText } from '../../i18n/translate';
import { useLanguage, useT } from '../../i18n/use-t';
import { formatClock, formatFull } from '../../lib/time';
import { useTeamStore } from '../../stores/team-store';
import { splitMentions } from '../composer/mention-logic';
import { MessageFile } from '../files/MessageFile';
import { channelDeliveryLine } from './channel-delivery';
import { channelDetailsLine, ChannelDetailsParts } from './ChannelDetails';
import { csatAnswerOf, CsatAnswerLine } from './CsatAnswerLine';
import { internalKind } from './note-kind';
import { outboxActions, type OutboxAction } from './outbox-actions';

interface MessageItemProps {
  message: ThreadMessage;
  canSend?: boolean;
  /** While messages are picked for a ticket's excerpt: whether this one is, and how to change it. */
  pick?: { checked: boolean; toggle(): void };
}

/**
 * One message: customers on the left, the team on the right, system notes in the middle, and
 * notes for agents only as a yellow note across the thread (a whisper from a supervisor marked
 * as such); agents-only system lines (taken over, joined) centred like other system notes.
 */
export function MessageItem({ message, canSend = true, pick }: MessageItemProps) {
  const t = useT();
  const language = useLanguage();
  const team = useTeamStore((s) => s.agents);
  const sender = message.senderName ?? t(`sender.${message.senderType}`);
  const outgoing = message.senderType === 'agent' || message.senderType === 'bot';
  const kind = message.internal ? internalKind(message, team) : null;
  return (
    <li
      className={kind === 'system' || kind === null ? 'message' : 'message message-internal'}
      data-testid="message"
      data-sender={message.senderType}
      data-delivery={message.delivery}
      data-channel-delivery={message.channelDelivery?.status}
      data-message-id={message.id}
      data-client-id={message.clientId ?? undefined}
      data-internal={message.internal ? 'true' : undefined}
      data-note-kind={kind ?? undefined}
      data-picked={pick?.checked ? 'true' : undefined}
    >
      {pick && (
        <input
          type="checkbox"
          className="message-pick"
          data-testid="message-pick"
          aria-label={t('tickets.select.message')}
          checked={pick.checked}
          onChange={pick.toggle}
        />
      )}
      {kind === 'whisper' || kind === 'note' ? (
        <div className={kind === 'whisper' ? 'note-bubble note-whisper' : 'note-bubble'}>
          <div className="note-meta">
            <span className="note-label">
              {kind === 'whisper' ? t('note.whisperFrom', { name: sender }) : t('message.internalNote')}
            </span>
            {kind === 'note' && <span className="message-sender">{sender}</span>}
            <time dateTime={message.createdAt} title={formatFull(message.createdAt, language)}>
              {formatClock(message.createdAt, language)}
            </time>
          </div>
          <p className="note-body">
            {splitMentions(
              systemLineText(t, message),
              team.map((m) => m.name),
            ).map((part, i) =>
              part.mention ? (
                <span key={i} className="note-mention">
                  {part.text}
                </span>
              ) : (
                part.text
              ),
            )}
          </p>
        </div>
      ) : kind === 'system' && csatAnswerOf(message) ? (
        <CsatAnswerLine message={message} />
      ) : kind === 'system' ? (
        <p className="message-system message-system-internal" title={t('note.systemTitle')}>
          <span className="message-system-lock" aria-hidden="true">
            ●
          </span>
          <span>{channelDetailsLine(t, message.channelDetails) ?? systemLineText(t, message)}</span>
          <span className="visually-hidden">({t('note.systemTitle')})</span>
          <time dateTime={message.createdAt} title={formatFull(message.createdAt, language)}>
            {formatClock(message.createdAt, language)}
          </time>
        </p>
      ) : message.senderType === 'system' ? (
        <p className="message-system">
          <span>{systemLineText(t, message)}</span>
          <time dateTime={message.createdAt} title={formatFull(message.createdAt, language)}>
            {formatClock(message.createdAt, language)}
          </time>
        </p>
      ) : (
        <div className="message-bubble-wrap">
          <div className="message-meta">
            <span className="message-sender">{sender}</span>
            {/* A named bot gets the tag; an unnamed one is already called the bot by its sender label. */}
            {message.senderType === 'bot' && message.senderName !== null && <span className="message-tag">{t('sender.bot')}</span>}
            <time dateTime={message.createdAt} title={formatFull(message.createdAt, language)}>
              {formatClock(message.createdAt, language)}
            </time>
          </div>
          <MessageFile message={message} />
          <div className="message-bubble">
            {message.channelDetails ? <ChannelDetailsParts details={message.channelDetails} body={message.body} /> : message.body}
          </div>
          {outgoing && <DeliveryLine message={message} canSend={canSend} />}
        </div>
      )}
    </li>
  );
}

function DeliveryLine({ message, canSend }: { message: ThreadMessage; canSend: boolean }) {
  const t = useT();
  const controller = useController();
  const [busy, setBusy] = useState<OutboxAction | null>(null);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const actions = outboxActions(message, canSend);

  async function run(action: OutboxAction) {
    const ref: OutboxRef = { conversationId: message.conversationId, clientId: message.clientId };
    setBusy(action);
    setError(null);
    try {
      await controller[action](ref);
    } catch (err) {
      setError(toAppError(err).toJSON());
    } finally {
      // The item may be gone (edited or discarded); React ignores updates to an unmounted one.
      setBusy(null);
    }
  }

  let status: string | null = null;
  if (message.delivery === 'failed') status = t('delivery.failed', { reason: describeError(t, message.error) });
  else if (message.delivery === 'queued') status = t('delivery.queued');
  else if (message.delivery === 'sending') status = t('delivery.sending');
  // Stored by the server: how far it got on the customer's platform (WhatsApp, Telegram, …).
  const platform = channelDeliveryLine(message);
  if (status === null && actions.length === 0 && platform === null) return null;

  return (
    <div className="message-delivery-wrap">
      {status && (
        <p
          className={message.delivery === 'failed' ? 'message-delivery message-failed' : 'message-delivery'}
          title={message.delivery === 'failed' ? message.error?.message : undefined}
        >
          {status}
        </p>
      )}
      {platform && (
        <p
          className={platform.status === 'failed' ? 'message-channel-delivery message-failed' : 'message-channel-delivery'}
          data-status={platform.status}
        >
          <span className="delivery-marks" aria-hidden="true">
            {platform.marks}
          </span>
          <span data-testid={`message-delivery-${message.id}`} data-status={platform.status}>
            {t(platform.key, { reason: platform.reason ?? '', attempts: platform.attempts })}
          </span>
        </p>
      )}
      {actions.length > 0 && (
        <div className="message-actions" role="group" aria-label={t('delivery.actionsLabel')}>
          {actions.map((action) => (
            <button
              key={action}
              type="button"
              className="button button-quiet button-small"
              data-testid={`${action}-button`}
              disabled={busy !== null}
              onClick={() => void run(action)}
            >
              {t(`delivery.${action}`)}
            </button>
          ))}
        </div>
      )}
      {error && (
        <p className="message-delivery message-failed" role="alert" title={error.message}>
          {t('delivery.actionFailed', { reason: describeError(t, error) })}
        </p>
      )}
    </div>
  );
}
