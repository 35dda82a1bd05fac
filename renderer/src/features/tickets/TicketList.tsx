import type { KeyboardEvent } from 'react';
import { TICKET_LIST_MAX } from '../../../../shared/contract';
import type { Ticket } from '../../../../shared/tickets';
import { useTickets } from '../../app/tickets-context';
import { describeError } from '../../i18n/translate';
import { useLanguage, useT } from '../../i18n/use-t';
import { formatFull } from '../../lib/time';
import { slaHighlight } from './ticket-logic';
import { useTicketsStore } from './tickets-store';
import { useTicketNames } from './use-ticket-names';

/** The filtered tickets with a checkbox each, the SLA state marked; new tickets still waiting on top; a page more on request. */
export function TicketList() {
  const t = useT();
  const language = useLanguage();
  const controller = useTickets();
  const { tickets, total, pending, status, error, selectedId, checked } = useTicketsStore();
  const names = useTicketNames();
  const allChecked = tickets.length > 0 && tickets.every((ticket) => checked.includes(ticket.id));

  function onKeyDown(event: KeyboardEvent<HTMLUListElement>) {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    const index = tickets.findIndex((ticket) => ticket.id === selectedId);
    const next = tickets[Math.min(tickets.length - 1, Math.max(0, index + (event.key === 'ArrowDown' ? 1 : -1)))];
    if (next) {
      void controller.open(next.id);
      document.getElementById(`ticket-row-${next.id}`)?.focus();
    }
  }

  const row = (ticket: Ticket) => {
    const sla = slaHighlight(ticket.sla);
    const assignee = names.person(ticket.assigneeId) ?? (ticket.assigneeId ? '…' : t('tickets.unassigned'));
    return (
      <li key={ticket.id} className="ticket-row" data-testid="ticket-row" data-ticket-id={ticket.id} data-sla={sla ?? undefined} aria-current={ticket.id === selectedId ? 'true' : undefined}>
        <input
          type="checkbox"
          className="ticket-check"
          aria-label={t('tickets.row.check', { number: ticket.number })}
          checked={checked.includes(ticket.id)}
          onChange={() => useTicketsStore.getState().toggleChecked(ticket.id)}
        />
        <button type="button" id={`ticket-row-${ticket.id}`} className="ticket-open" onClick={() => void controller.open(ticket.id)}>
          <span className="ticket-number">{t('tickets.number', { number: ticket.number })}</span>
          <span className="ticket-subject">{ticket.subject}</span>
          <span className="ticket-meta">
            <span className="ticket-status" data-status={ticket.status}>{t(`tickets.status.${ticket.status}`)}</span>
            <span className="ticket-priority" data-priority={ticket.priority}>{t(`tickets.priority.${ticket.priority}`)}</span>
            <span className="ticket-assignee">{assignee}</span>
            {ticket.dueAt && <span className="ticket-due">{formatFull(ticket.dueAt, language)}</span>}
            {sla && (
              <span className="ticket-sla" data-sla={sla} data-testid="ticket-sla">
                {t(`tickets.sla.${sla}`)}
              </span>
            )}
          </span>
        </button>
      </li>
    );
  };

  return (
    <section className="ticket-list" aria-label={t('tickets.list.label')}>
      <label className="ticket-check-all">
        <input
          type="checkbox"
          checked={allChecked}
          disabled={tickets.length === 0}
          onChange={() => useTicketsStore.getState().setChecked(allChecked ? [] : tickets.map((ticket) => ticket.id))}
        />
        {t('tickets.row.checkAll')}
      </label>
      {pending.length > 0 && (
        <ul className="ticket-pending" data-testid="ticket-pending">
          {pending.map((p) => (
            <li key={p.clientId} className="ticket-row ticket-row-pending" data-delivery={p.delivery}>
              <span className="ticket-subject">{p.subject}</span>
              <span className="ticket-pending-state" role="status">
                {p.delivery === 'failed' && p.error
                  ? t('tickets.pending.failed', { reason: describeError(t, p.error) })
                  : t(p.delivery === 'sending' ? 'tickets.pending.sending' : 'tickets.pending.queued')}
              </span>
              <button type="button" className="button button-quiet" onClick={() => void controller.discardPending(p.clientId)}>
                {t('tickets.pending.discard')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {status === 'failed' && error && <p role="alert">{t('tickets.list.failed', { reason: describeError(t, error) })}</p>}
      {status === 'loading' && tickets.length === 0 && <p role="status">{t('tickets.list.loading')}</p>}
      {status === 'ready' && tickets.length === 0 && <p className="ticket-empty">{t('tickets.list.empty')}</p>}
      <ul className="ticket-rows" onKeyDown={onKeyDown}>
        {tickets.map(row)}
      </ul>
      {status === 'ready' && total > tickets.length && (
        <p className="ticket-more" data-testid="ticket-more">
          <span role="status">
            {t(tickets.length < TICKET_LIST_MAX ? 'tickets.list.partial' : 'tickets.list.capped', { shown: tickets.length, total })}
          </span>
          {tickets.length < TICKET_LIST_MAX && (
            <button type="button" className="button button-quiet" onClick={() => void controller.showMore()}>
              {t('tickets.list.showMore')}
            </button>
          )}
        </p>
      )}
    </section>
  );
}
