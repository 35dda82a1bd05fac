import { useEffect } from 'react';
import { useController } from '../../app/controller-context';
import { useT } from '../../i18n/use-t';
import { useConnectionStore } from '../../stores/connection-store';
import { AgentBoard } from './AgentBoard';
import { ConversationMonitor } from './ConversationMonitor';
import { EscalationList } from './EscalationList';

/**
 * Supervisors' live monitor: every active conversation (from the inbox, which holds all of them
 * for supervisors and admins) beside the board of agents and their load. Both update live.
 */
export function MonitorView() {
  const t = useT();
  const controller = useController();
  const status = useConnectionStore((s) => s.connection?.status ?? null);
  const offline = status === 'offline' || status === 'signed_out';

  // The board is read live when the monitor opens; team.member keeps it current afterwards.
  useEffect(() => {
    if (!offline) void controller.loadTeam();
  }, [controller, offline]);

  return (
    <main className="view monitor" aria-labelledby="monitor-heading" data-testid="monitor-view">
      <div className="view-header">
        <h2 id="monitor-heading" className="view-title">
          {t('monitor.heading')}
        </h2>
      </div>
      {offline && (
        <p className="view-notice" role="status" data-testid="monitor-offline">
          {t('monitor.offline')}
        </p>
      )}
      <EscalationList />
      <div className="monitor-body">
        <ConversationMonitor />
        <AgentBoard />
      </div>
    </main>
  );
}
