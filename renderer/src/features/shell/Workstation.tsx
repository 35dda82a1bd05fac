import { Composer } from '../composer/Composer';
import { InboxList } from '../inbox/InboxList';
import { OfferAnnouncer } from '../inbox/OfferAnnouncer';
import { ProfilePanel } from '../profile/ProfilePanel';
import { ThreadView } from '../thread/ThreadView';
import { Header } from './Header';

/** The signed-in layout: header over inbox, thread with composer, and the customer profile. */
export function Workstation() {
  return (
    <div className="workstation">
      <Header />
      <OfferAnnouncer />
      <main className="panes">
        <InboxList />
        <div className="conversation-pane">
          <ThreadView />
          <Composer />
        </div>
        <ProfilePanel />
      </main>
    </div>
  );
}
