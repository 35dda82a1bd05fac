import { useEffect, useState } from 'react';
import type { MethodResult } from '../../../../shared/contract';
import type { Ticket } from '../../../../shared/tickets';
import { useTickets } from '../../app/tickets-context';
import { useT } from '../../i18n/use-t';

type Profile = MethodResult<'contacts.profile'>['profile'];

/** The linked conversations (each opens in the inbox) and a short summary of the customer. */
export function TicketCustomer({ ticket, canOpenInbox }: { ticket: Ticket; canOpenInbox: boolean }) {
  const t = useT();
  const controller = useTickets();
  const [profile, setProfile] = useState<Profile | null>(null);

  useEffect(() => {
    setProfile(null);
    if (!ticket.contactId || !canOpenInbox) return;
    let current = true;
    // Department staff may not read customer profiles: the ticket's contact name is what they get.
    controller.customer(ticket.contactId).then(
      (answer) => current && setProfile(answer.profile),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [controller, ticket.contactId, canOpenInbox]);

  const name = ticket.contactName ?? profile?.contact.name ?? null;
  const orders = profile?.orders.status === 'ok' ? profile.orders.orders.length : null;
  const spend = profile?.lifetimeSpend?.map((s) => `${(s.totalCents / 100).toFixed(2)} ${s.currency}`).join(', ') ?? null;
  return (
    <>
      <section className="ticket-customer" aria-label={t('tickets.customer.label')} data-testid="ticket-customer">
        <h3>{t('tickets.customer.label')}</h3>
        {name ? <p className="ticket-customer-name">{name}</p> : <p>{t('tickets.customer.none')}</p>}
        {ticket.orderRef && <p className="ticket-customer-order">{t('tickets.customer.order', { ref: ticket.orderRef })}</p>}
        {profile && profile.contact.tags.length > 0 && <p className="ticket-customer-tags">{profile.contact.tags.join(' · ')}</p>}
        {orders !== null && spend && <p className="ticket-customer-spend">{t('tickets.customer.spend', { orders, spend })}</p>}
      </section>
      <section className="ticket-links" aria-label={t('tickets.links.label')}>
        <h3>{t('tickets.links.label')}</h3>
        {ticket.conversationIds.length === 0 && <p>{t('tickets.links.none')}</p>}
        <ul>
          {ticket.conversationIds.map((conversationId) => (
            <li key={conversationId}>
              {canOpenInbox ? (
                <button type="button" className="button button-quiet" data-testid="ticket-open-conversation" onClick={() => controller.openConversation(conversationId)}>
                  {t('tickets.links.open', { name: name ?? conversationId })}
                </button>
              ) : (
                <span>{name ?? conversationId}</span>
              )}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
