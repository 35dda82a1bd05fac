import { useTickets } from '../../app/tickets-context';
import { useT } from '../../i18n/use-t';
import { useTicketsStore } from './tickets-store';

/** Where a colleague mentioned this user in a ticket: each opens the ticket. */
export function TicketMentions() {
  const t = useT();
  const controller = useTickets();
  const mentions = useTicketsStore((s) => s.mentions);
  const dismiss = useTicketsStore((s) => s.dismissMention);
  if (mentions.length === 0) return null;
  return (
    <section className="ticket-mentions" aria-label={t('tickets.mentions.label')} data-testid="ticket-mentions">
      <ul>
        {mentions.map((m) => (
          <li key={m.eventId}>
            <button
              type="button"
              className="button button-quiet"
              onClick={() => {
                dismiss(m.eventId);
                void controller.open(m.ticketId);
              }}
            >
              {t('tickets.mentions.item', { name: m.byName, number: m.number, excerpt: m.excerpt })}
            </button>
            <button type="button" className="button button-quiet" aria-label={t('tickets.mentions.dismiss', { number: m.number })} onClick={() => dismiss(m.eventId)}>
              ×
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
