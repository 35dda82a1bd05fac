import type { ReactNode } from 'react';
import { useSessionStore } from '../../stores/session-store';
import { viewsFor, visibleView } from '../../stores/view-logic';
import { useViewStore } from '../../stores/view-store';
import { AdminView } from '../admin/AdminView';
import { MonitorView } from '../monitor/MonitorView';
import { ReportsView } from '../reports/ReportsView';
import { TicketsView } from '../tickets/TicketsView';
import { TopicsView } from '../topics/TopicsView';
import { VIEW_PANEL_ID, viewTabId } from './ViewSwitch';

/**
 * Holds the screen chosen in the header: the inbox (its panes are the children), tickets, the live
 * monitor, topics, reports or the admin screen, as the role allows. Department staff only have tickets.
 */
export function ViewPanel({ children }: { children: ReactNode }) {
  const role = useSessionStore((s) => s.session?.user?.role ?? null);
  const chosen = useViewStore((s) => s.view);
  const view = visibleView(chosen, role);
  const switchable = viewsFor(role).length > 1;
  return (
    <div
      className="view-panel"
      id={VIEW_PANEL_ID}
      role={switchable ? 'tabpanel' : undefined}
      aria-labelledby={switchable ? viewTabId(view) : undefined}
      data-view={view}
    >
      {view === 'monitor' ? <MonitorView /> : view === 'admin' ? <AdminView /> : view === 'tickets' ? <TicketsView /> : view === 'topics' ? <TopicsView /> : view === 'reports' ? <ReportsView /> : children}
    </div>
  );
}
