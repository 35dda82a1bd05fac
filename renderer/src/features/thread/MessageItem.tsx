import type { ThreadMessage } from '../../../../shared/contract';
import { describeError } from '../../i18n/translate';
import { useLanguage, useT } from '../../i18n/use-t';
import { formatClock, formatFull } from '../../lib/time';

/** One message: customers on the left, the team on the right, system notes in the middle. */
export function MessageItem({ message }: { message: ThreadMessage }) {
  const t = useT();
  const language = useLanguage();
  const sender = message.senderName ?? t(`sender.${message.senderType}`);
  const outgoing = message.senderType === 'agent' || message.senderType === 'bot';
  return (
    <li
      className="message"
      data-testid="message"
      data-sender={message.senderType}
      data-delivery={message.delivery}
      data-message-id={message.id}
    >
      {message.senderType === 'system' ? (
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
          {outgoing && <DeliveryLine message={message} />}
        </div>
      )}
    </li>
  );
}

function DeliveryLine({ message }: { message: ThreadMessage }) {
  const t = useT();
  if (message.delivery === 'failed') {
    return (
      <p className="message-delivery message-failed" title={message.error?.message}>
        {t('delivery.failed', { reason: describeError(t, message.error) })}
      </p>
    );
  }
  if (message.delivery === 'sending') return <p className="message-delivery">{t('delivery.sending')}</p>;
  return null;
}
