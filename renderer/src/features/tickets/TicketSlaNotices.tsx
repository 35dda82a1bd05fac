import { ticketSlaMessageKey } from '../../../../shared/ticket-sla';
import { useTickets } from '../../app/tickets-context';
import { useLanguageStore } from '../../i18n/language-store';
import { useT } from '../../i18n/use-t';
import { formatFull } from '../../lib/time';
import { slaNoticeKey, useTicketsStore } from './tickets-store';

/** SLA warnings (amber) and breaches (red) of tickets this user must act on: each opens the ticket, or is dismissed. */
export function TicketSlaNotices() {
  const t = useT();
  const language = useLanguageStore((s) => s.language);
  const controller = useTickets();
  const notices = useTicketsStore((s) => s.slaNotices);
  const dismiss = useTicketsStore((s) => s.dismissSlaNotice);
  if (notices.length === 0) return null;
  return (
    <section className="ticket-sla-notices" aria-label={t('tickets.slaNotices.label')} data-testid="ticket-sla-notices">
      <ul>
        {notices.map((n) => {
          const key = slaNoticeKey(n);
          return (
            <li key={key} data-kind={n.kind} data-testid="ticket-sla-notice">
              <button
                type="button"
                className="button button-quiet"
                onClick={() => {
                  dismiss(key);
                  void controller.open(n.ticketId);
                }}
              >
                {t(ticketSlaMessageKey(n), { number: n.number, time: formatFull(n.dueAt, language) })} · {n.subject}
              </button>
              <button type="button" className="button button-quiet" aria-label={t('tickets.slaNotices.dismiss', { number: n.number })} onClick={() => dismiss(key)}>
                ×
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
