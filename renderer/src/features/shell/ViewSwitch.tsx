import { useRef, type KeyboardEvent } from 'react';
import { useT } from '../../i18n/use-t';
import { useSessionStore } from '../../stores/session-store';
import { nextView, viewsFor, visibleView, type View } from '../../stores/view-logic';
import { useViewStore } from '../../stores/view-store';

/** The id of the element that holds the chosen screen (the tab panel). */
export const VIEW_PANEL_ID = 'workstation-view';

export function viewTabId(view: View): string {
  return `view-tab-${view}`;
}

/**
 * Inbox / Live monitor / Admin in the header, as the role allows; nothing for agents, who only
 * have the inbox. Arrow keys, Home and End move between the screens.
 */
export function ViewSwitch() {
  const t = useT();
  const role = useSessionStore((s) => s.session?.user?.role ?? null);
  const chosen = useViewStore((s) => s.view);
  const setView = useViewStore((s) => s.setView);
  const tabsRef = useRef<HTMLDivElement>(null);
  const available = viewsFor(role);
  if (available.length < 2) return null;
  const current = visibleView(chosen, role);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const target = nextView(event.key, current, available);
    if (!target) return;
    event.preventDefault();
    setView(target);
    tabsRef.current?.querySelector<HTMLButtonElement>(`#${viewTabId(target)}`)?.focus();
  }

  return (
    <div className="view-switch" role="tablist" aria-label={t('monitor.nav.label')} ref={tabsRef} onKeyDown={onKeyDown}>
      {available.map((view) => (
        <button
          key={view}
          type="button"
          role="tab"
          id={viewTabId(view)}
          className="view-tab"
          data-testid={`view-tab-${view}`}
          aria-selected={view === current}
          aria-controls={VIEW_PANEL_ID}
          tabIndex={view === current ? 0 : -1}
          onClick={() => setView(view)}
        >
          {t(`monitor.nav.${view}`)}
        </button>
      ))}
    </div>
  );
}
