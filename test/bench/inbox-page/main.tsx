import { StrictMode, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { ControllerContext } from '../../../renderer/src/app/controller-context';
import type { WorkstationController } from '../../../renderer/src/app/workstation-controller';
import { InboxItem, inboxRowClass } from '../../../renderer/src/features/inbox/InboxItem';
import { InboxList } from '../../../renderer/src/features/inbox/InboxList';
import { offerAudience } from '../../../renderer/src/stores/inbox-logic';
import { useInboxStore } from '../../../renderer/src/stores/inbox-store';
import '../../../renderer/src/styles/app.css';
import { benchConversations } from './conversations';

/**
 * The inbox benchmark page: the real InboxList (virtual) or, as the baseline, the same rows (the
 * real InboxItem) as a plain list, over `?n=` generated conversations. It reports on `window.bench`.
 */
type Bench = { mode: string; rendered: number | null; rows: () => number };
declare global {
  interface Window {
    bench: Bench;
  }
}

const params = new URLSearchParams(location.search);
const mode = params.get('mode') === 'plain' ? 'plain' : 'virtual';
const me = 'u-me';
const conversations = benchConversations(Number(params.get('n') ?? 10_000), me);
useInboxStore.getState().setMe(me);
useInboxStore.getState().setLoaded(conversations);

// The list only asks the controller to open a conversation; nothing here talks to a core.
const controller = new Proxy({}, { get: () => () => undefined }) as WorkstationController;
const t0 = performance.now();
window.bench = { mode, rendered: null, rows: () => document.querySelectorAll('[data-testid=conversation-item]').length };

function PlainList() {
  const sorted = useInboxStore((s) => s.conversations);
  const now = Date.now();
  return (
    <section className="inbox">
      <div className="inbox-scroll" data-testid="inbox-scroll">
        <ul className="inbox-list">
          {sorted.map((c, i) => {
            const offer = offerAudience(c, me);
            return (
              <li key={c.id} className={inboxRowClass(c, offer)} style={{ position: 'static' }} data-testid="conversation-item">
                <InboxItem conversation={c} offer={offer} selected={false} tabbable={i === 0} now={now} onOpen={() => undefined} />
              </li>
            );
          })}
        </ul>
      </div>
    </section>
  );
}

/** Marks the first frame painted after the list was committed. */
function Rendered() {
  useEffect(() => {
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        window.bench.rendered = performance.now() - t0;
      }),
    );
  }, []);
  return null;
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ControllerContext.Provider value={controller}>
      <div style={{ display: 'flex', height: '100vh', width: 'var(--inbox-width)' }}>
        {mode === 'plain' ? <PlainList /> : <InboxList />}
      </div>
      <Rendered />
    </ControllerContext.Provider>
  </StrictMode>,
);
