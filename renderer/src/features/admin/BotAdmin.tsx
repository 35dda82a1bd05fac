import { useRef, useState, type KeyboardEvent } from 'react';
import { useT } from '../../i18n/use-t';
import { BotReplies } from './BotReplies';
import { BotTurns } from './BotTurns';

const views = ['replies', 'turns'] as const;
type View = (typeof views)[number];

/** The bot for admins: its replies (greeting, off-hours, keywords, order status) and its turns, one at a time. */
export function BotAdmin({ offline }: { offline: boolean }) {
  const t = useT();
  const [view, setView] = useState<View>('replies');
  const tabsRef = useRef<HTMLDivElement>(null);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft' && event.key !== 'Home' && event.key !== 'End') return;
    const index = views.indexOf(view);
    const next =
      event.key === 'Home' ? views[0] : event.key === 'End' ? views[views.length - 1] : views[(index + (event.key === 'ArrowRight' ? 1 : views.length - 1)) % views.length];
    if (!next) return;
    event.preventDefault();
    setView(next);
    tabsRef.current?.querySelector<HTMLButtonElement>(`#bot-admin-tab-${next}`)?.focus();
  }

  return (
    <section className="admin-section bot-admin" aria-labelledby="bot-admin-heading" data-testid="bot-admin">
      <div className="admin-section-header">
        <div>
          <h3 id="bot-admin-heading" className="admin-section-title">
            {t('botAdmin.heading')}
          </h3>
          <p className="admin-section-intro">{t('botAdmin.intro')}</p>
        </div>
        <div className="inbox-tabs admin-tabs" role="tablist" aria-label={t('botAdmin.viewsLabel')} ref={tabsRef} onKeyDown={onKeyDown}>
          {views.map((v) => (
            <button
              key={v}
              type="button"
              role="tab"
              id={`bot-admin-tab-${v}`}
              className="inbox-tab"
              data-testid={`bot-admin-tab-${v}`}
              aria-selected={v === view}
              aria-controls="bot-admin-panel"
              tabIndex={v === view ? 0 : -1}
              onClick={() => setView(v)}
            >
              {t(`botAdmin.view.${v}`)}
            </button>
          ))}
        </div>
      </div>
      {offline && (
        <p className="view-notice" role="status" data-testid="bot-admin-offline">
          {t('botAdmin.offline')}
        </p>
      )}
      <div className="bot-admin-panel" role="tabpanel" id="bot-admin-panel" aria-labelledby={`bot-admin-tab-${view}`}>
        {view === 'replies' ? <BotReplies offline={offline} /> : <BotTurns offline={offline} />}
      </div>
    </section>
  );
}
