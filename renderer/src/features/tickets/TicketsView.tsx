import { useEffect, useState } from 'react';
import { useController } from '../../app/controller-context';
import { useTickets } from '../../app/tickets-context';
import { useT } from '../../i18n/use-t';
import { useConnectionStore } from '../../stores/connection-store';
import { useTeamStore } from '../../stores/team-store';
import { TicketBulkBar } from './TicketBulkBar';
import { TicketDetail } from './TicketDetail';
import { TicketFilters } from './TicketFilters';
import { TicketList } from './TicketList';
import { TicketMentions } from './TicketMentions';
import { TicketSlaNotices } from './TicketSlaNotices';
import { TicketStatsPanel } from './TicketStatsPanel';

/** The Tickets screen: saved filters and field filters over the list, bulk actions for ticked rows, the detail pane. */
export function TicketsView() {
  const t = useT();
  const tickets = useTickets();
  const workstation = useController();
  const online = useConnectionStore((s) => s.connection?.status === 'online');
  const teamStatus = useTeamStore((s) => s.status);
  const [showStats, setShowStats] = useState(false);

  useEffect(() => {
    void tickets.loadMeta();
    void tickets.reload();
  }, [tickets]);

  // Names for assignees and @mentions.
  useEffect(() => {
    if (online && teamStatus === 'idle') void workstation.loadTeam();
  }, [workstation, online, teamStatus]);

  return (
    <main className="tickets-view" aria-label={t('tickets.title')} data-testid="tickets-view">
      <div className="tickets-main">
        <TicketSlaNotices />
        <TicketMentions />
        <button type="button" className="button button-quiet ticket-stats-toggle" data-testid="ticket-stats-toggle" aria-pressed={showStats} onClick={() => setShowStats(!showStats)}>
          {t('tickets.stats.toggle')}
        </button>
        {showStats ? (
          <TicketStatsPanel online={online} />
        ) : (
          <>
            <TicketFilters />
            <TicketBulkBar />
            <TicketList />
          </>
        )}
      </div>
      <TicketDetail />
    </main>
  );
}
