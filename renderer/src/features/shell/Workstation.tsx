import { Composer } from '../composer/Composer';
import { InboxList } from '../inbox/InboxList';
import { OfferAnnouncer } from '../inbox/OfferAnnouncer';
import { NoticeCenter } from '../notices/NoticeCenter';
import { KeyboardLayer } from '../shortcuts/KeyboardLayer';
import { ThreadView } from '../thread/ThreadView';
import { CreateTicketLauncher } from '../tickets/CreateTicketLauncher';
import { Header } from './Header';
import { SidePane } from './SidePane';
import { ViewPanel } from './ViewPanel';

/** The signed-in layout: header over the chosen screen — inbox, thread with composer, and the profile and knowledge beside it; or the live monitor or admin screen. */
export function Workstation() {
  return (
    <div className="workstation">
      <Header />
      <OfferAnnouncer />
      <NoticeCenter />
      <KeyboardLayer />
      <ViewPanel>
        <main className="panes">
          <InboxList />
          <div className="conversation-pane">
            <ThreadView />
            <Composer />
          </div>
          <SidePane />
          <CreateTicketLauncher />
        </main>
      </ViewPanel>
    </div>
  );
}
