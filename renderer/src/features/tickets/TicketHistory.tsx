import type { TicketHistoryItem } from '../../../../shared/contract';
import { describeError } from '../../i18n/translate';
import { useLanguage, useT } from '../../i18n/use-t';
import { formatFull } from '../../lib/time';
import { assignedTo, excerptMessages, statusMove } from './ticket-logic';
import { useTicketNames } from './use-ticket-names';

/**
 * A ticket's history, oldest first. Internal comments are marked internal; public replies are
 * marked as sent to the customer; comments written here that wait in the outbox say so.
 */
export function TicketHistory({ history }: { history: readonly TicketHistoryItem[] }) {
  const t = useT();
  const language = useLanguage();
  const names = useTicketNames();
  return (
    <section className="ticket-history" aria-label={t('tickets.history.label')}>
      <h3>{t('tickets.history.label')}</h3>
      <ol className="ticket-history-list">
        {history.map((item) => {
          const written = item.kind === 'comment' || item.kind === 'reply' || item.kind === 'customer_message';
          const move = item.kind === 'status' ? statusMove(item.data) : null;
          const assignee = item.kind === 'assigned' ? assignedTo(item.data) : undefined;
          const excerpt = item.kind === 'excerpt' ? excerptMessages(item.data) : [];
          const visibility = item.kind === 'comment' || item.kind === 'reply' ? (item.public ? 'public' : 'internal') : null;
          const actor = item.actorName ?? (item.actorType === 'contact' ? t('tickets.history.customer') : t('tickets.history.system'));
          return (
            <li
              key={item.clientId ?? item.id}
              className="ticket-history-item"
              data-testid="ticket-history-item"
              data-kind={item.kind}
              data-visibility={visibility ?? undefined}
              data-delivery={item.delivery}
            >
              <div className="ticket-history-head">
                <span className="ticket-history-actor">{actor}</span>
                <span className="ticket-history-what">{t(`tickets.event.${item.kind}`)}</span>
                {visibility === 'internal' && <span className="ticket-badge ticket-badge-internal">{t('tickets.history.internal')}</span>}
                {visibility === 'public' && <span className="ticket-badge ticket-badge-public">{t('tickets.history.public')}</span>}
                <time dateTime={item.createdAt}>{formatFull(item.createdAt, language)}</time>
              </div>
              {written && item.body && <p className="ticket-history-body">{item.body}</p>}
              {move && (
                <p className="ticket-history-change">
                  {t(`tickets.status.${move.from}`)} → {t(`tickets.status.${move.to}`)}
                </p>
              )}
              {assignee !== undefined && (
                <p className="ticket-history-change">{assignee ? (names.person(assignee) ?? '…') : t('tickets.unassigned')}</p>
              )}
              {excerpt.length > 0 && (
                <ol className="ticket-excerpt" aria-label={t('tickets.create.excerpt')}>
                  {excerpt.map((m) => (
                    <li key={m.id} data-sender={m.senderType}>
                      <span className="ticket-excerpt-sender">{m.senderName ?? t(m.senderType === 'contact' ? 'tickets.history.customer' : 'tickets.history.system')}</span>
                      <blockquote>{m.body}</blockquote>
                    </li>
                  ))}
                </ol>
              )}
              {item.delivery === 'queued' && <span className="ticket-history-state">{t('tickets.history.queued')}</span>}
              {item.delivery === 'sending' && <span className="ticket-history-state">{t('tickets.history.sending')}</span>}
              {item.delivery === 'failed' && item.error && <span className="ticket-history-state" role="alert">{describeError(t, item.error)}</span>}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
