import { useEffect, useState } from 'react';
import { toAppError, type AppErrorShape } from '../../../../shared/errors';
import type { ManagedUser } from '../../../../shared/team-admin';
import { useTickets } from '../../app/tickets-context';
import { describeError } from '../../i18n/translate';
import { useT } from '../../i18n/use-t';
import { useTicketsStore } from '../tickets/tickets-store';
import { TicketDepartmentsAdmin } from './TicketDepartmentsAdmin';
import { TicketSettingsAdmin } from './TicketSettingsAdmin';
import { TicketSlaAdmin } from './TicketSlaAdmin';
import { TicketTypesAdmin } from './TicketTypesAdmin';

/** The tickets admin section: departments and their members, ticket types, SLA targets and ticket settings. Needs the connection. */
export function TicketAdmin({ offline }: { offline: boolean }) {
  const t = useT();
  const tickets = useTickets();
  const meta = useTicketsStore((s) => s.meta);
  const [users, setUsers] = useState<ManagedUser[]>([]);
  const [loadError, setLoadError] = useState<AppErrorShape | null>(null);

  useEffect(() => {
    if (offline) return;
    let live = true;
    void tickets.loadMeta();
    tickets.admin.team().then(
      (team) => live && setUsers(team.users),
      (err: unknown) => live && setLoadError(toAppError(err).toJSON()),
    );
    return () => {
      live = false;
    };
  }, [tickets, offline]);

  if (offline) return <p className="dialog-muted">{t('ticketAdmin.offline')}</p>;
  return (
    <section className="ticket-admin" aria-labelledby="ticket-admin-heading" data-testid="ticket-admin">
      <h3 id="ticket-admin-heading">{t('ticketAdmin.heading')}</h3>
      <p className="dialog-muted">{t('ticketAdmin.staffHint')}</p>
      {loadError && (
        <p className="form-error" role="alert" title={loadError.message}>
          {t('ticketAdmin.loadFailed', { reason: describeError(t, loadError) })}
        </p>
      )}
      <TicketDepartmentsAdmin departments={meta?.departments ?? []} users={users} offline={offline} />
      <TicketTypesAdmin types={meta?.types ?? []} departments={meta?.departments ?? []} offline={offline} />
      {meta && <TicketSlaAdmin types={meta.types} offline={offline} />}
      <TicketSettingsAdmin offline={offline} />
    </section>
  );
}
