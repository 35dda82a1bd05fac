// The theme goes on <html> before anything renders (theme.css draws the system's until then).
import './features/theme/theme-store';
import { StrictMode } from 'react';
import { z } from 'zod';
import { createRoot } from 'react-dom/client';
import { titleWithBadge } from '../../shared/notifications';
import { ControllerContext } from './app/controller-context';
import { NotifierContext } from './app/notifier-context';
import { createWebNotifier } from './app/web-notifications';
import { KnowledgeContext } from './app/knowledge-context';
import { createKnowledgeController } from './app/knowledge-controller';
import { KnowledgeAdminContext } from './app/knowledge-admin-context';
import { createKnowledgeAdminController } from './app/knowledge-admin-controller';
import { ProfileContext } from './app/profile-context';
import { createProfileController } from './app/profile-controller';
import { ChannelAdminContext } from './app/channel-admin-context';
import { createChannelAdminController } from './app/channel-admin-controller';
import { AiContext } from './app/ai-context';
import { createAiController } from './app/ai-controller';
import { CsatContext } from './app/csat-context';
import { createCsatController } from './app/csat-controller';
import { WeeklyReportContext } from './app/weekly-report-context';
import { createWeeklyReportController } from './app/weekly-report-controller';
import { watchActivity } from './app/activity-source';
import { ReportsContext } from './app/reports-context';
import { createReportsController } from './app/reports-controller';
import { SupervisionContext } from './app/supervision-context';
import { createSupervisionController } from './app/supervision-controller';
import { TicketsContext } from './app/tickets-context';
import { createTicketsController } from './app/tickets-controller';
import { createWorkstationController } from './app/workstation-controller';
import { watchWindowVisibility } from './app/window-visibility';
import { chooseBridge } from './bridge/bridge';
import { App } from './features/shell/App';
import { useLanguageStore } from './i18n/language-store';
import { useNotifyStore } from './stores/notify-store';
import './styles/app.css';

// The CSP forbids eval; tell zod not to probe for it (the probe itself raises a CSP report).
z.config({ jitless: true });

const bridge = chooseBridge(window);
// The Electron shell shows notifications itself; a browser page shows them as web notifications.
const webNotifier = window.switchboard
  ? null
  : createWebNotifier(
    window,
    (target, feedEntryId) => {
      controller.openFromNotification(target);
      tickets.openFromNotification(target);
      // Opened here as from the bell: its entry in the notification centre is read.
      if (feedEntryId !== null) void controller.markFeedRead([feedEntryId]);
    },
    () => useLanguageStore.getState().language,
  );
const controller = createWorkstationController(bridge, undefined, webNotifier ? { notifier: webNotifier } : {});
const supervision = createSupervisionController(bridge, controller);
const knowledge = createKnowledgeController(bridge, controller);
const knowledgeAdmin = createKnowledgeAdminController(bridge);
const profile = createProfileController(bridge, controller);
const channelAdmin = createChannelAdminController(bridge);
const ai = createAiController(bridge);
const csat = createCsatController(bridge);
const reports = createReportsController(bridge);
const weeklyReport = createWeeklyReportController(bridge);
const tickets = createTicketsController(bridge, supervision);
// Started outside React so StrictMode's double effects cannot subscribe twice.
controller.start();
supervision.start();
knowledge.start();
knowledgeAdmin.start();
profile.start();
channelAdmin.start();
tickets.start();
// Keyboard, mouse and focus feed auto-away.
watchActivity(window, () => controller.noteActivity());
// Colleagues see this user leave the open conversation when the window is hidden or loses focus;
// a visible, focused window counts as the agent being there for auto-away.
watchWindowVisibility(window, document, (visible) => controller.setWindowVisible(visible));
// Typing not saved yet goes to the client core before the page goes away.
const flushDrafts = () => void controller.flushAllDrafts();
window.addEventListener('beforeunload', flushDrafts);
window.addEventListener('pagehide', flushDrafts);
// The unread count in front of the title: "(3) Switchboard" (the taskbar shows the window title).
const baseTitle = document.title;
useNotifyStore.subscribe((state) => {
  document.title = titleWithBadge(baseTitle, state.badge);
});

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

createRoot(container).render(
  <StrictMode>
    <ControllerContext.Provider value={controller}>
      <SupervisionContext.Provider value={supervision}>
        <KnowledgeContext.Provider value={knowledge}>
          <KnowledgeAdminContext.Provider value={knowledgeAdmin}>
            <ChannelAdminContext.Provider value={channelAdmin}>
              <ProfileContext.Provider value={profile}>
                <NotifierContext.Provider value={webNotifier}>
                  <AiContext.Provider value={ai}>
                    <TicketsContext.Provider value={tickets}>
                      <CsatContext.Provider value={csat}>
                        <ReportsContext.Provider value={reports}>
                          <WeeklyReportContext.Provider value={weeklyReport}>
                            <App />
                          </WeeklyReportContext.Provider>
                        </ReportsContext.Provider>
                      </CsatContext.Provider>
                    </TicketsContext.Provider>
                  </AiContext.Provider>
                </NotifierContext.Provider>
              </ProfileContext.Provider>
            </ChannelAdminContext.Provider>
          </KnowledgeAdminContext.Provider>
        </KnowledgeContext.Provider>
      </SupervisionContext.Provider>
    </ControllerContext.Provider>
  </StrictMode>,
);
