import { useState } from 'react';
import type { ThreadMessage } from '../../../../shared/contract';
import { toAppError, type AppErrorShape } from '../../../../shared/errors';
import { useController } from '../../app/controller-context';
import type { OutboxRef } from '../../app/workstation-controller';
import { describeError } from '../../i18n/translate';
import { useLanguage, useT } from '../../i18n/use-t';
import { formatClock, formatFull } from '../../lib/time';
import { outboxActions, type OutboxAction } from './outbox-actions';

/**
 * One message: customers on the left, the team on the right, system notes in the middle, and
 * notes for agents only (a transfer note) as a yellow note across the thread.
 */
export function MessageItem({ message, canSend = true }: { message: ThreadMessage; canSend?: boolean }) {
  const t = useT();
  const language = useLanguage();
  const sender = message.senderName ?? t(`sender.${message.senderType}`);
  const outgoing = message.senderType === 'agent' || message.senderType === 'bot';
  return (
    <li
      className={message.internal ? 'message message-internal' : 'message'}
      data-testid="message"
      data-sender={message.senderType}
      data-delivery={message.delivery}
      data-message-id={message.id}
      data-client-id={message.clientId ?? undefined}
      data-internal={message.internal ? 'true' : undefined}
    >
      {message.internal ? (
        <div className="note-bubble">
          <div className="note-meta">
            <span className="note-label">{t('message.internalNote')}</span>
            {message.senderType !== 'system' && <span className="message-sender">{sender}</span>}
            <time dateTime={message.createdAt} title={formatFull(message.createdAt, language)}>
              {formatClock(message.createdAt, language)}
            </time>
          </div>
          <p className="note-body">{message.body}</p>
        </div>
      ) : message.senderType === 'system' ? (
        <p className="message-system">
          <span>{message.body}</span>
          <time dateTime={message.createdAt} title={formatFull(message.createdAt, language)}>
            {formatClock(message.createdAt, language)}
          </time>
        </p>
      ) : (
        <div className="message-bubble-wrap">
          <div className="message-meta">
            <span className="message-sender">{sender}</span>
            {message.senderType === 'bot' && <span className="message-tag">{t('sender.bot')}</span>}
            <time dateTime={message.createdAt} title={formatFull(message.createdAt, language)}>
              {formatClock(message.createdAt, language)}
            </time>
          </div>
          <div className="message-bubble">{message.body}</div>
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
  if (status === null && actions.length === 0) return null;

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
