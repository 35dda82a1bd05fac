import { useTickets } from '../../app/tickets-context';
import { describeError } from '../../i18n/translate';
import { useT } from '../../i18n/use-t';
import { useSessionStore } from '../../stores/session-store';
import { TicketCommentBox } from './TicketCommentBox';
import { TicketCustomer } from './TicketCustomer';
import { TicketFieldsEditor } from './TicketFieldsEditor';
import { TicketDelete } from './TicketDelete';
import { TicketHistory } from './TicketHistory';
import { slaHighlight } from './ticket-logic';
import { useTicketsStore } from './tickets-store';

/** The ticket open beside the list: its fields, the customer and linked conversations, the history and the comment box. */
export function TicketDetail() {
  const t = useT();
  const controller = useTickets();
  const selectedId = useTicketsStore((s) => s.selectedId);
  const detail = useTicketsStore((s) => s.detail);
  const error = useTicketsStore((s) => s.detailError);
  const role = useSessionStore((s) => s.session?.user?.role ?? null);

  if (!selectedId) return <section className="ticket-detail ticket-detail-empty" aria-label={t('tickets.detail.label')}><p>{t('tickets.detail.empty')}</p></section>;
  if (error) return <section className="ticket-detail" aria-label={t('tickets.detail.label')}><p role="alert">{t('tickets.detail.failed', { reason: describeError(t, error) })}</p></section>;
  if (!detail) return <section className="ticket-detail" aria-label={t('tickets.detail.label')}><p role="status">{t('tickets.detail.loading')}</p></section>;
  const { ticket } = detail;
  const sla = slaHighlight(ticket.sla);
  return (
    <section className="ticket-detail" aria-labelledby={`ticket-title-${ticket.id}`} data-testid="ticket-detail">
      <header className="ticket-detail-head">
        <h2 id={`ticket-title-${ticket.id}`}>
          <span className="ticket-number">{t('tickets.number', { number: ticket.number })}</span> {ticket.subject}
        </h2>
        {sla && <span className="ticket-sla" data-sla={sla}>{t(`tickets.sla.${sla}`)}</span>}
        <button type="button" className="button button-quiet" aria-label={t('tickets.detail.close')} onClick={() => void controller.open(null)}>
          ×
        </button>
      </header>
      <TicketFieldsEditor ticket={ticket} />
      {(role === 'supervisor' || role === 'admin') && <TicketDelete ticketId={ticket.id} number={ticket.number} />}
      <TicketCustomer ticket={ticket} canOpenInbox={role !== 'staff'} />
      <TicketHistory history={detail.history} />
      <TicketCommentBox key={ticket.id} ticketId={ticket.id} draft={detail.draft} />
    </section>
  );
}
